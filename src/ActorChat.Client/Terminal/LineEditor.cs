using System.Globalization;

namespace ActorChat.Client.Terminal;

/// <summary>
/// The input line: text with a cursor that always sits between grapheme clusters (so no key can
/// split an emoji or a letter from its accent), readline's editing keys, history with Ctrl+R
/// search, and Tab completion. Pure: no console; the terminal feeds it keys and draws it.
/// </summary>
internal sealed class LineEditor(InputHistory history)
{
    private int _historyIndex = history.Count;     // == history.Count while editing a new line
    private string _draft = "";
    private string? _search;                       // the Ctrl+R query while searching
    private int _searchIndex;
    private string _beforeSearch = "";

    public string Text { get; private set; } = "";

    /// <summary>A UTF-16 index into <see cref="Text"/>, always at a grapheme cluster boundary.</summary>
    public int Cursor { get; private set; }

    /// <summary>A password is being typed: drawn as stars by the terminal, never kept in the history.</summary>
    public bool Secret { get; set; }

    /// <summary>The Ctrl+R query, or null when not searching.</summary>
    public string? Search => _search;

    public void Insert(string text)
    {
        if (_search is not null)
        {
            _search += text;
            Find(_searchIndex);
            return;
        }
        Text = Text.Insert(Cursor, text);
        Cursor = NextBoundary(Cursor + text.Length - 1);    // what was typed may join the cluster after it
    }

    public void Backspace()
    {
        if (_search is not null)
        {
            _search = _search[..PreviousBoundary(_search, _search.Length)];
            return;
        }
        var start = PreviousBoundary(Text, Cursor);
        Text = Text.Remove(start, Cursor - start);
        Cursor = start;
    }

    public void Delete() => Text = Text.Remove(Cursor, NextBoundary(Cursor) - Cursor);

    public void Left() => Cursor = PreviousBoundary(Text, Cursor);

    public void Right() => Cursor = NextBoundary(Cursor);

    public void Home() => Cursor = 0;

    public void End() => Cursor = Text.Length;

    /// <summary>Alt+B: to the start of this or the previous word.</summary>
    public void WordLeft() => Cursor = WordStart();

    /// <summary>Alt+F: to the end of this or the next word.</summary>
    public void WordRight()
    {
        var i = Cursor;
        while (i < Text.Length && Text[i] == ' ')
        {
            i++;
        }
        while (i < Text.Length && Text[i] != ' ')
        {
            i++;
        }
        Cursor = i;
    }

    /// <summary>Ctrl+U: deletes everything before the cursor.</summary>
    public void DeleteToStart()
    {
        Text = Text[Cursor..];
        Cursor = 0;
    }

    /// <summary>Ctrl+K: deletes everything after the cursor.</summary>
    public void DeleteToEnd() => Text = Text[..Cursor];

    /// <summary>Ctrl+W: deletes the word before the cursor.</summary>
    public void DeleteWordBack()
    {
        var start = WordStart();
        Text = Text.Remove(start, Cursor - start);
        Cursor = start;
    }

    /// <summary>Takes the line, remembers it in the history, and starts a new one.</summary>
    public string Submit()
    {
        _search = null;
        var line = Text;
        if (!Secret)
        {
            history.Add(line);
        }
        _historyIndex = history.Count;
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
        if (_historyIndex == history.Count)
        {
            _draft = Text;
        }
        Set(history[--_historyIndex]);
    }

    public void HistoryDown()
    {
        if (_historyIndex == history.Count)
        {
            return;
        }
        _historyIndex++;
        Set(_historyIndex == history.Count ? _draft : history[_historyIndex]);
    }

    /// <summary>Ctrl+R: starts a search back through the history, or finds the next older match.</summary>
    public void SearchBack()
    {
        if (_search is null)
        {
            _search = "";
            _searchIndex = history.Count;
            _beforeSearch = Text;
            return;
        }
        Find(_searchIndex - 1);
    }

    /// <summary>Leaves the search: keeping the line found, or (cancelled) going back to the line before it.</summary>
    public void EndSearch(bool keep)
    {
        if (_search is not null && !keep)
        {
            Set(_beforeSearch);
        }
        _search = null;
    }

    /// <summary>
    /// Completes the word before the cursor: a command when it starts the line with '/', else a nick
    /// (with ": " after it at the start of the line). With several matches, completes their common
    /// prefix and returns them so the caller can show them.
    /// </summary>
    public IReadOnlyList<string> Complete(IEnumerable<string> nicks, IEnumerable<string> commands)
    {
        var start = Cursor == 0 ? 0 : Text.LastIndexOf(' ', Cursor - 1) + 1;
        var word = Text[start..Cursor];
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
            Text = Text.Remove(start, word.Length).Insert(start, completion);
            Cursor = start + completion.Length;
        }
        return candidates;
    }

    private void Find(int from)
    {
        for (var i = Math.Min(from, history.Count - 1); i >= 0; i--)
        {
            if (history[i].Contains(_search!, StringComparison.OrdinalIgnoreCase))
            {
                _searchIndex = i;
                Set(history[i]);
                return;
            }
        }
    }

    private int WordStart()
    {
        var i = Cursor;
        while (i > 0 && Text[i - 1] == ' ')
        {
            i--;
        }
        while (i > 0 && Text[i - 1] != ' ')
        {
            i--;
        }
        return i;
    }

    /// <summary>The boundary after the cluster that holds index <paramref name="index"/> (the end when past it).</summary>
    private int NextBoundary(int index)
    {
        var boundary = 0;
        while (boundary <= index && boundary < Text.Length)
        {
            boundary += StringInfo.GetNextTextElementLength(Text, boundary);
        }
        return Math.Max(boundary, Math.Min(index, Text.Length));
    }

    private static int PreviousBoundary(string text, int index)
    {
        var previous = 0;
        for (var boundary = 0; boundary < index; boundary += StringInfo.GetNextTextElementLength(text, boundary))
        {
            previous = boundary;
        }
        return previous;
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
        Text = text;
        Cursor = Text.Length;
    }
}
