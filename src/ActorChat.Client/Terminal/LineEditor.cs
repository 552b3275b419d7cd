using System.Text;

namespace ActorChat.Client.Terminal;

/// <summary>
/// The input line: a buffer with a cursor, editing keys, history and Tab completion. Pure: no
/// console; the terminal session feeds it keys and draws <see cref="Text"/> and <see cref="Cursor"/>.
/// </summary>
internal sealed class LineEditor
{
    private const int MaxHistory = 500;
    private readonly StringBuilder _text = new();
    private readonly List<string> _history = [];
    private int _historyIndex;       // == _history.Count while editing a new line
    private string _draft = "";

    public string Text => _text.ToString();

    public int Cursor { get; private set; }

    public void Insert(char c)
    {
        _text.Insert(Cursor++, c);
    }

    public void Backspace()
    {
        if (Cursor > 0)
        {
            _text.Remove(--Cursor, 1);
        }
    }

    public void Delete()
    {
        if (Cursor < _text.Length)
        {
            _text.Remove(Cursor, 1);
        }
    }

    public void Left() => Cursor = Math.Max(0, Cursor - 1);

    public void Right() => Cursor = Math.Min(_text.Length, Cursor + 1);

    public void Home() => Cursor = 0;

    public void End() => Cursor = _text.Length;

    /// <summary>Takes the line, remembers it in the history, and starts a new one.</summary>
    public string Submit()
    {
        var line = Text;
        if (line.Length > 0 && (_history.Count == 0 || _history[^1] != line))
        {
            _history.Add(line);
            if (_history.Count > MaxHistory)
            {
                _history.RemoveAt(0);
            }
        }
        _historyIndex = _history.Count;
        _draft = "";
        Set("");
        return line;
    }

    public void HistoryUp()
    {
        if (_historyIndex == 0)
        {
            return;
        }
        if (_historyIndex == _history.Count)
        {
            _draft = Text;
        }
        Set(_history[--_historyIndex]);
    }

    public void HistoryDown()
    {
        if (_historyIndex == _history.Count)
        {
            return;
        }
        _historyIndex++;
        Set(_historyIndex == _history.Count ? _draft : _history[_historyIndex]);
    }

    /// <summary>
    /// Completes the word before the cursor: a command when it starts the line with '/', else a nick
    /// (with ": " after it at the start of the line). With several matches, completes their common
    /// prefix and returns them so the caller can show them.
    /// </summary>
    public IReadOnlyList<string> Complete(IEnumerable<string> nicks, IEnumerable<string> commands)
    {
        var text = Text;
        var start = text.LastIndexOf(' ', Math.Max(0, Cursor - 1)) + 1;
        if (start > Cursor)
        {
            start = Cursor;
        }
        var word = text[start..Cursor];
        var isCommand = start == 0 && word.StartsWith('/');
        var candidates = (isCommand ? commands : nicks)
            .Where(c => c.StartsWith(word, StringComparison.OrdinalIgnoreCase))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Order(StringComparer.OrdinalIgnoreCase)
            .ToList();
        if (word.Length == 0 && !isCommand || candidates.Count == 0)
        {
            return candidates;
        }
        var completion = candidates.Count == 1
            ? candidates[0] + (isCommand ? " " : start == 0 ? ": " : " ")
            : CommonPrefix(candidates);
        if (completion.Length >= word.Length)
        {
            _text.Remove(start, word.Length).Insert(start, completion);
            Cursor = start + completion.Length;
        }
        return candidates;
    }

    private static string CommonPrefix(List<string> words)
    {
        var prefix = words[0];
        foreach (var w in words)
        {
            var n = 0;
            while (n < prefix.Length && n < w.Length && char.ToLowerInvariant(prefix[n]) == char.ToLowerInvariant(w[n]))
            {
                n++;
            }
            prefix = prefix[..n];
        }
        return prefix;
    }

    private void Set(string text)
    {
        _text.Clear().Append(text);
        Cursor = _text.Length;
    }
}
