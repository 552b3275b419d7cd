using System.Diagnostics;

namespace ActorChat.Server.Tests.Support;

/// <summary>
/// A real interactive program in a real pseudo-terminal: one tmux session on a tmux server of its
/// own (so it has a UTF-8 locale and never meets anyone else's sessions), read by polling its screen.
/// </summary>
internal sealed class Tmux : IDisposable
{
    private readonly string _server = "actorchat-test-" + Guid.NewGuid().ToString("N")[..8];

    private Tmux(string command, int width, int height) =>
        Run("new-session", "-d", "-s", "test", "-x", width.ToString(System.Globalization.CultureInfo.InvariantCulture), "-y", height.ToString(System.Globalization.CultureInfo.InvariantCulture), command);

    public static Tmux Start(string command, int width = 100, int height = 20) => new(command, width, height);

    /// <summary>Types the text as it is (UTF-8 included), without pressing Enter.</summary>
    public void Type(string text) => Run("send-keys", "-t", "test", "-l", text);

    public void Press(string key) => Run("send-keys", "-t", "test", key);

    public string Screen() => Run("capture-pane", "-p", "-t", "test");

    /// <summary>Waits for the screen to satisfy <paramref name="ready"/>; fails with the last screen after the timeout.</summary>
    public async Task<string> ScreenAsync(Func<string, bool> ready)
    {
        var deadline = DateTime.UtcNow + TestClient.Timeout;
        var screen = "";
        while (DateTime.UtcNow < deadline)
        {
            screen = Screen();
            if (ready(screen))
            {
                return screen;
            }
            await Task.Delay(50);     // polling a screen: there is no event to wait for
        }
        throw new TimeoutException("the screen never showed it:\n" + screen);
    }

    public void Dispose() => Run("kill-server");

    private string Run(params string[] args)
    {
        var start = new ProcessStartInfo("tmux") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["LANG"] = "C.UTF-8";
        start.Environment["LC_ALL"] = "C.UTF-8";
        foreach (var arg in (string[])["-u", "-L", _server, .. args])
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException("tmux is needed for this test (.ci/run installs it)");
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return output;
    }
}
