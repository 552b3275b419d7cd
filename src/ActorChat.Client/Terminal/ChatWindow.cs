namespace ActorChat.Client.Terminal;

/// <summary>
/// One buffer: a room (<c>#dev</c>) or a private conversation (<c>bob</c>), with its scrollback,
/// what arrived while it was not shown, and where it is scrolled to.
/// </summary>
internal sealed class ChatWindow(string name)
{
    private const int MaxLines = 5000;
    private readonly List<string> _lines = [];

    public string Name { get; } = name;

    public bool IsRoom => Name.StartsWith('#');

    public IReadOnlyList<string> Lines => _lines;

    public int Unread { get; private set; }

    public int Mentions { get; private set; }

    /// <summary>Scrolled back: the bottom line shown is the one before this index; null follows new lines.</summary>
    public int? ScrollEnd { get; private set; }

    /// <summary>The lines the last drawing showed, [start, end): where paging goes from.</summary>
    public (int Start, int End) Page { get; set; }

    public void Add(string line, bool shown, bool mention)
    {
        _lines.Add(line);
        if (_lines.Count > MaxLines)
        {
            _lines.RemoveAt(0);
            ScrollEnd = ScrollEnd is { } end ? Math.Max(1, end - 1) : null;
        }
        if (!shown)
        {
            Unread++;
            Mentions += mention ? 1 : 0;
        }
    }

    public void MarkRead() => (Unread, Mentions) = (0, 0);

    /// <summary>PgUp: the page that ends where this one starts (one line shared, so nothing is skipped).</summary>
    public void PageUp()
    {
        if (Page.Start > 0)
        {
            ScrollEnd = Page.Start + 1;
        }
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
