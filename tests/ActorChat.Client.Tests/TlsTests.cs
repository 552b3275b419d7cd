using System.Diagnostics;
using ActorChat.Server.Tests.Support;

namespace ActorChat.Client.Tests;

/// <summary>The real client binary over TLS against a real server with its self-signed certificate.</summary>
public sealed class TlsTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("actorchat-tls-").FullName;

    public void Dispose() => Directory.Delete(_data, recursive: true);

    private static async Task<(int ExitCode, string Out, string Error)> RunClientAsync(TestServer server, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in (string[])[Path.Combine(AppContext.BaseDirectory, "actorchat.dll"), "--host", "127.0.0.1", "--port", $"{server.TlsPort}", "--tls", .. args])
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        await process.StandardInput.WriteLineAsync("hello over tls");
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TestClient.Timeout);
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }

    [Fact]
    public async Task The_client_pins_the_servers_fingerprint_and_chats_over_tls()
    {
        await using var server = await TestServer.StartAsync("Chat:TlsPort=0", $"Chat:DataDirectory={_data}");
        var watcher = await server.LoginAsync("watcher");
        var run = await RunClientAsync(server, "--nick", "pinned", "--fingerprint", server.Fingerprint);
        Assert.Equal("#lobby <pinned> hello over tls", await watcher.ExpectAsync(l => l.Contains("<pinned>", StringComparison.Ordinal)));
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("You are pinned.", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_fingerprint_or_an_untrusted_certificate_is_refused_saying_why()
    {
        await using var server = await TestServer.StartAsync("Chat:TlsPort=0", $"Chat:DataDirectory={_data}");
        var wrong = string.Join(':', Enumerable.Repeat("00", 32));
        var pinnedWrong = await RunClientAsync(server, "--nick", "wrong", "--fingerprint", wrong);
        Assert.Equal(3, pinnedWrong.ExitCode);
        Assert.Contains($"has fingerprint {server.Fingerprint}, not the pinned {wrong}", pinnedWrong.Error, StringComparison.Ordinal);

        var untrusted = await RunClientAsync(server, "--nick", "trusting");
        Assert.Equal(3, untrusted.ExitCode);
        Assert.Contains($"is not trusted", untrusted.Error, StringComparison.Ordinal);
        Assert.Contains($"--fingerprint {server.Fingerprint}", untrusted.Error, StringComparison.Ordinal);
    }
}
