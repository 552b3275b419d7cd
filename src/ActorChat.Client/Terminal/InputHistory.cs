namespace ActorChat.Client.Terminal;

/// <summary>
/// Lines typed before, oldest first, kept across runs in a file when one is given (one line each,
/// appended as typed, readable by you alone; the newest <see cref="MaxLines"/> are loaded). Lines that carry
/// a password are never kept.
/// </summary>
internal sealed class InputHistory
{
    public const int MaxLines = 1000;
    private readonly List<string> _lines = [];
    private readonly string? _file;

    public InputHistory(string? file = null)
    {
        _file = file;
        try
        {
            if (file is not null && File.Exists(file))
            {
                var all = File.ReadAllLines(file);
                _lines.AddRange(all.TakeLast(MaxLines));
                if (all.Length > 2 * MaxLines)
                {
                    File.WriteAllLines(file, _lines);      // appended to on every line: cut back now and then
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // An unreadable history starts empty.
        }
    }

    /// <summary>$XDG_DATA_HOME/actorchat/history, or ~/.local/share/actorchat/history (the XDG default).</summary>
    public static string DefaultFile()
    {
        var data = Environment.GetEnvironmentVariable("XDG_DATA_HOME") is { Length: > 0 } xdg
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share");
        return Path.Combine(data, "actorchat", "history");
    }

    public int Count => _lines.Count;

    public string this[int index] => _lines[index];

    public void Add(string line)
    {
        if (line.Length == 0 || _lines.Count > 0 && _lines[^1] == line || IsSecret(line))
        {
            return;
        }
        _lines.Add(line);
        if (_lines.Count > MaxLines)
        {
            _lines.RemoveAt(0);
        }
        if (_file is not null)
        {
            try
            {
                Directory.CreateDirectory(Path.GetDirectoryName(_file)!);
                var append = new FileStreamOptions { Mode = FileMode.Append, Access = FileAccess.Write };
                if (!OperatingSystem.IsWindows())
                {
                    append.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;     // what you typed, private messages too: yours alone
                }
                using var writer = new StreamWriter(_file, append);
                writer.WriteLine(line);
            }
            catch (IOException)
            {
                // A history that cannot be saved is no reason to stop chatting.
            }
        }
    }

    private static bool IsSecret(string line) =>
        line.StartsWith("/identify ", StringComparison.OrdinalIgnoreCase) || line.StartsWith("/register ", StringComparison.OrdinalIgnoreCase);
}
