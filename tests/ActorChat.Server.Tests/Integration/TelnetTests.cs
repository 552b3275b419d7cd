using ActorChat.Server.Tests.Support;

namespace ActorChat.Server.Tests.Integration;

/// <summary>Installs Debian's telnet and tmux for <see cref="TelnetTests"/> when they are missing and it may.</summary>
public sealed class TelnetTools
{
    public TelnetTools()
    {
        if (SystemTools.SkipReason(["telnet", "tmux"]) is null)
        {
            SystemTools.Ensure(("telnet", "telnet"), ("tmux", "tmux"));
        }
    }
}

/// <summary>Debian's stock telnet (inetutils), typed into in a real terminal, and nc's view of the same server.</summary>
public class TelnetTests : IClassFixture<TelnetTools>
{
    [FactNeeding(["telnet", "tmux"])]
    public async Task Cyrillic_cjk_and_emoji_typed_in_telnet_arrive_intact()
    {
        await using var server = await TestServer.StartAsync();
        var watcher = await server.LoginAsync("watcher");
        using var telnet = Tmux.Start($"telnet 127.0.0.1 {server.Port}");
        await telnet.ScreenAsync(s => s.Contains("* Choose a nick:", StringComparison.Ordinal));
        telnet.Type("tel");
        telnet.Press("Enter");
        await watcher.ExpectAsync("#lobby -> tel joined");
        // The nick line ended in CR LF, so DO BINARY followed it; the pong comes after that in the
        // stream, so once the pong is on the screen telnet has switched to sending binary.
        telnet.Type("/ping switched");
        telnet.Press("Enter");
        await telnet.ScreenAsync(s => s.Contains("* pong switched", StringComparison.Ordinal));

        foreach (var text in (string[])["привет", "日本語", "😀𝔘"])
        {
            telnet.Type(text);
            telnet.Press("Enter");
            Assert.Equal($"#lobby <tel> {text}", await watcher.ExpectAsync(l => l.StartsWith("#lobby <tel>", StringComparison.Ordinal)));
        }
        // 𝔘 holds 0x9D, which an NVT telnet reads as ^] and leaves for its own prompt.
        Assert.DoesNotContain("telnet>", telnet.Screen(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_client_ending_lines_with_lf_never_receives_negotiation()
    {
        await using var server = await TestServer.StartAsync();
        var (nc, watcher) = await server.LoginAllAsync("nc", "watcher") is var c ? (c[0], c[1]) : default;
        await nc.SendAsync("привет 日本語 😀𝔘");
        Assert.Equal("#lobby <nc> привет 日本語 😀𝔘", await watcher.ExpectAsync(l => l.StartsWith("#lobby <nc>", StringComparison.Ordinal)));
        await nc.SyncAsync();
        Assert.DoesNotContain((byte)255, nc.RawReceived);
    }
}
