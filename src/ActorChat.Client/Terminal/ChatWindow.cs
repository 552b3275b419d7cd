namespace ActorChat.Client.Terminal;

/// <summary>
/// One buffer: a room (<c>#dev</c>) or a private conversation (<c>bob</c>), with its scrollback,
/// what arrived while it was not shown, where it is scrolled to, and for a room its topic and how
/// far back its history has been loaded.
/// </summary>
internal sealed class ChatWindow(string name)
{
    private const int MaxLines = 5000;
    private readonly List<string> _lines = [];
    private readonly List<long> _ids = [];          // each line's message id (0: not a message), for loading older pages

    public string Name { get; } = name;

    public bool IsRoom => Name.StartsWith('#');

    public IReadOnlyList<string> Lines => _lines;

    public int Unread { get; private set; }

    public int Mentions { get; private set; }

    /// <summary>Scrolled back: the bottom line shown is the one before this index; null follows new lines.</summary>
    public int? ScrollEnd { get; private set; }

    /// <summary>The lines the last drawing showed, [start, end): where paging goes from.</summary>
    public (int Start, int End) Page { get; set; }

    /// <summary>The room's topic as last heard (join, /topic, a topic change, /rooms); null: none.</summary>
    public string? Topic { get; set; }

    /// <summary>The server said there is nothing older than the oldest line here: PgUp asks no more.</summary>
    public bool HistoryComplete { get; private set; }

    /// <summary>The id of the oldest message here (0: none), where an older page starts.</summary>
    public long OldestId => _ids.Where(id => id > 0).DefaultIfEmpty(0).Min();

    public void Add(string line, bool shown, bool mention, long id = 0)
    {
        _lines.Add(line);
        _ids.Add(id);
        if (_lines.Count > MaxLines)
        {
            _lines.RemoveAt(0);
            _ids.RemoveAt(0);
            HistoryComplete = false;
            ScrollEnd = ScrollEnd is { } end ? Math.Max(1, end - 1) : null;
        }
        if (!shown)
        {
            Unread++;
            Mentions += mention ? 1 : 0;
        }
    }

    /// <summary>
    /// Older lines (oldest first) put above the others; lines already here (by id) are left out.
    /// What is on screen stays where it is: the scroll position and the page move with the lines.
    /// </summary>
    public int Prepend(IReadOnlyList<(string Line, long Id)> older)
    {
        var known = _ids.Where(id => id > 0).ToHashSet();
        var added = older.Where(l => l.Id == 0 || !known.Contains(l.Id)).ToList();
        _lines.InsertRange(0, added.Select(l => l.Line));
        _ids.InsertRange(0, added.Select(l => l.Id));
        ScrollEnd += added.Count;
        Page = (Page.Start + added.Count, Page.End + added.Count);
        return added.Count;
    }

    /// <summary>Nothing older is kept: the line that says so goes on top, once.</summary>
    public void EndOfHistory(string line)
    {
        if (!HistoryComplete)
        {
            Prepend([(line, 0)]);
            HistoryComplete = true;
        }
    }

    public void MarkRead() => (Unread, Mentions) = (0, 0);

    /// <summary>PgUp: the page that ends where this one starts (one line shared, so nothing is skipped); false at the top already.</summary>
    public bool PageUp()
    {
        if (Page.Start == 0)
        {
            return false;
        }
        ScrollEnd = Page.Start + 1;
        return true;
    }

    /// <summary>PgDn: the page after this one; past the newest line it follows new lines again.</summary>
    public void PageDown()
    {
        if (ScrollEnd is null)
        {
            return;
        }
        var end = Page.End + Math.Max(1, Page.End - Page.Start - 1);
        ScrollEnd = end >= _lines.Count ? null : end;
    }
}
