using System.Diagnostics;
using System.Text.RegularExpressions;
using ActorChat.Server.Tests.Support;

namespace ActorChat.Client.Tests.Support;

/// <summary>
/// The real client binary in a real pseudo-terminal (a detached tmux session): keys in, the screen
/// out as tmux sees it, and every byte the client wrote (for the bell). Tests wait for a screen
/// with a deadline; there is no event to wait for, so the screen is polled. Each pane has a tmux
/// server of its own (its own socket), so nothing else on the machine can end it mid-test.
/// </summary>
internal sealed partial class TmuxPane : IDisposable
{
    private readonly string _session = "actorchat-test-" + Guid.NewGuid().ToString("N")[..8];
    private readonly string _dataHome = Path.Combine(Path.GetTempPath(), "actorchat-xdg-" + Guid.NewGuid().ToString("N"));

    /// <summary>
    /// Starts the client with its own XDG_DATA_HOME (history of its own). The shell waits after the
    /// client ends so that what it printed last can still be read (and lives through a Ctrl+C: the
    /// trap makes the shell go on, while the client still gets the signal).
    /// </summary>
    public TmuxPane(int width, int height, string arguments)
    {
        SystemTools.Require("tmux");
        var client = Path.Combine(AppContext.BaseDirectory, "actorchat.dll");
        Tmux("new-session", "-d", "-s", _session, "-x", $"{width}", "-y", $"{height}",
            $"trap : INT; XDG_DATA_HOME={_dataHome} dotnet {client} {arguments}; echo '[exit '$?']'; sleep 600");
        Tmux("pipe-pane", "-t", _session, "-o", $"cat >> {RawFile}");
    }

    private string RawFile => _dataHome + ".raw";

    /// <summary>Everything the client wrote to the terminal so far.</summary>
    public string Raw => File.Exists(RawFile) ? File.ReadAllText(RawFile) : "";

    public (int Column, int Row) Cursor
    {
        get
        {
            var xy = Tmux("display", "-p", "-t", _session, "#{cursor_x},#{cursor_y}").Trim().Split(',');
            return (int.Parse(xy[0], System.Globalization.CultureInfo.InvariantCulture), int.Parse(xy[1], System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    /// <summary>Types text as it is (no key names).</summary>
    public void Type(string text) => Tmux("send-keys", "-t", _session, "-l", text);

    /// <summary>Types a line and sends it.</summary>
    public void Enter(string line)
    {
        Type(line);
        Press("Enter");
    }

    /// <summary>Sends a line and waits until the screen shows <paramref name="expected"/>.</summary>
    public Task<string[]> EnterAsync(string line, string expected)
    {
        Enter(line);
        return WaitForAsync(expected);
    }

    /// <summary>Presses a key and waits until the screen shows <paramref name="expected"/>.</summary>
    public Task<string[]> PressAsync(string key, string expected)
    {
        Press(key);
        return WaitForAsync(expected);
    }

    /// <summary>Presses keys by tmux name: Enter, Left, M-2, C-n, PPage.</summary>
    public void Press(params string[] keys) => Tmux(["send-keys", "-t", _session, .. keys]);

    public void Resize(int width, int height) => Tmux("resize-window", "-t", _session, "-x", $"{width}", "-y", $"{height}");

    /// <summary>The screen's rows, trailing blanks trimmed, with clock times and the lag made constant (hh:mm:ss, lag N ms).</summary>
    public string[] Rows() =>
        [.. Tmux("capture-pane", "-p", "-t", _session).TrimEnd('\n').Split('\n').Select(r => Normalize(r.TrimEnd()))];

    public async Task<string[]> WaitAsync(Func<string[], bool> ready)
    {
        var deadline = DateTime.UtcNow + TestClient.Timeout;
        var rows = Rows();
        while (!ready(rows))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("the screen never showed it:\n" + string.Join('\n', rows));
            }
            await Task.Delay(50);
            rows = Rows();
        }
        return rows;
    }

    public Task<string[]> WaitForAsync(string text) => WaitAsync(rows => rows.Any(r => r.Contains(text, StringComparison.Ordinal)));

    public void Dispose()
    {
        var socket = Tmux("display", "-p", "-t", _session, "#{socket_path}").Trim();
        Tmux("kill-server");
        if (socket.Length > 0)
        {
            File.Delete(socket);        // tmux leaves it behind
        }
        File.Delete(RawFile);
        if (Directory.Exists(_dataHome))
        {
            Directory.Delete(_dataHome, recursive: true);
        }
    }

    private static string Normalize(string row) => Lag().Replace(Clock().Replace(row, "hh:mm:ss"), "lag N ms");

    [GeneratedRegex(@"\d\d:\d\d:\d\d")]
    private static partial Regex Clock();

    [GeneratedRegex(@"lag \d+ ms")]
    private static partial Regex Lag();

    private string Tmux(params string[] args)
    {
        var start = new ProcessStartInfo("tmux") { RedirectStandardOutput = true, RedirectStandardError = true, ArgumentList = { "-L", _session } };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException("tmux is needed for this test (.ci/run installs it)");
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return output;
    }
}
