using ActorChat.Server.Tests.Support;

namespace ActorChat.Client.Tests;

/// <summary>The real client binary in a real pseudo-terminal (tmux), typed into while messages arrive.</summary>
public class TerminalTests
{
    [FactNeeding("tmux")]
    public async Task The_input_line_stays_whole_while_messages_arrive()
    {
        SystemTools.Require("tmux");
        await using var server = await TestServer.StartAsync();
        var client = Path.Combine(AppContext.BaseDirectory, "actorchat.dll");
        using var terminal = Tmux.Start($"dotnet {client} --host 127.0.0.1 --port {server.Port} --nick typer");
        await terminal.ScreenAsync(s => s.Contains("You are typer.", StringComparison.Ordinal));
        var talker = await server.LoginAsync("talker");
        terminal.Type("half a thou");
        await terminal.ScreenAsync(s => s.Contains("> half a thou", StringComparison.Ordinal));
        for (var i = 1; i <= 5; i++)
        {
            await talker.SendAsync($"interruption {i}");
        }
        var screen = await terminal.ScreenAsync(s => s.Contains("interruption 5", StringComparison.Ordinal));
        var lines = screen.Split('\n').Select(l => l.TrimEnd()).Where(l => l.Length > 0).ToList();
        Assert.Equal("> half a thou", lines[^1]);                  // still whole, still last
        Assert.Equal(5, lines.Count(l => l.Contains("<talker> interruption", StringComparison.Ordinal)));
        Assert.DoesNotContain(lines, l => l.Contains("interruption", StringComparison.Ordinal) && l.Contains("half", StringComparison.Ordinal));

        terminal.Type("ght");
        terminal.Press("Enter");
        Assert.Equal("#lobby <typer> half a thought", await talker.ExpectAsync(l => l.Contains("<typer>", StringComparison.Ordinal)));
    }
}
