using System.Diagnostics;
using ActorChat.Server.Tests.Support;

namespace ActorChat.Client.Tests;

/// <summary>The real client binary in a real pseudo-terminal (tmux), typed into while messages arrive.</summary>
public class TerminalTests
{
    [FactNeeding("tmux", "tmux", ["-V"])]
    public async Task The_input_line_stays_whole_while_messages_arrive()
    {
        SystemTool.Require("tmux", "tmux", "-V");
        await using var server = await TestServer.StartAsync();
        var session = "actorchat-test-" + Guid.NewGuid().ToString("N")[..8];
        var client = Path.Combine(AppContext.BaseDirectory, "actorchat.dll");
        Tmux("new-session", "-d", "-s", session, "-x", "100", "-y", "20", $"dotnet {client} --host 127.0.0.1 --port {server.Port} --nick typer");
        try
        {
            await ScreenAsync(session, s => s.Contains("You are typer.", StringComparison.Ordinal));
            var talker = await server.LoginAsync("talker");
            Tmux("send-keys", "-t", session, "-l", "half a thou");
            await ScreenAsync(session, s => s.Contains("> half a thou", StringComparison.Ordinal));
            for (var i = 1; i <= 5; i++)
            {
                await talker.SendAsync($"interruption {i}");
            }
            var screen = await ScreenAsync(session, s => s.Contains("interruption 5", StringComparison.Ordinal));
            var lines = screen.Split('\n').Select(l => l.TrimEnd()).Where(l => l.Length > 0).ToList();
            Assert.Equal("> half a thou", lines[^1]);                  // still whole, still last
            Assert.Equal(5, lines.Count(l => l.Contains("<talker> interruption", StringComparison.Ordinal)));
            Assert.DoesNotContain(lines, l => l.Contains("interruption", StringComparison.Ordinal) && l.Contains("half", StringComparison.Ordinal));

            Tmux("send-keys", "-t", session, "-l", "ght");
            Tmux("send-keys", "-t", session, "Enter");
            Assert.Equal("#lobby <typer> half a thought", await talker.ExpectAsync(l => l.Contains("<typer>", StringComparison.Ordinal)));
        }
        finally
        {
            Tmux("kill-session", "-t", session);
        }
    }

    private static async Task<string> ScreenAsync(string session, Func<string, bool> ready)
    {
        var deadline = DateTime.UtcNow + TestClient.Timeout;
        var screen = "";
        while (DateTime.UtcNow < deadline)
        {
            screen = Tmux("capture-pane", "-p", "-t", session);
            if (ready(screen))
            {
                return screen;
            }
            await Task.Delay(50);     // polling a screen: there is no event to wait for
        }
        throw new TimeoutException("the screen never showed it:\n" + screen);
    }

    private static string Tmux(params string[] args)
    {
        var start = new ProcessStartInfo("tmux") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return output;
    }
}
