using System.Text;
using ActorChat.Client.Sessions;
using ActorChat.Core.Protocols;

namespace ActorChat.Client.Terminal;

/// <summary>
/// The member list (F2 or /names): the shown room's members in columns over the message area,
/// operators first and marked <c>@</c>, a page at a time (PgUp/PgDn). Its rows are laid out once
/// per change of the room, the size or the page and kept, so typing under a list of thousands
/// costs nothing more than under a few lines of chat.
/// </summary>
internal sealed class MemberPanel(RoomMembers members)
{
    private (string Room, int Version, int Width, int Count, int Page) _key;
    private List<string> _rows = [];
    private int _page;
    private int _pages = 1;

    public bool Shown { get; set; }

    public void PageUp() => _page = Math.Max(0, _page - 1);

    public void PageDown() => _page = Math.Min(_pages - 1, _page + 1);

    /// <summary>Exactly <paramref name="count"/> rows of at most <paramref name="width"/> columns.</summary>
    public IReadOnlyList<string> Rows(ChatWindow window, int width, int count)
    {
        if (window.Name != _key.Room)
        {
            _page = 0;              // another window: its list from the start
        }
        var key = (window.Name, members.VersionOf(window.IsRoom ? window.Name[1..] : ""), width, count, _page);
        if (key != _key)
        {
            _rows = Layout(window, width, count);
            _key = (window.Name, key.Item2, width, count, _page);
        }
        return _rows;
    }

    private List<string> Layout(ChatWindow window, int width, int count)
    {
        var rows = new List<string>(count);
        if (!window.IsRoom)
        {
            rows.Add($"{window.Name}: a private conversation (F2 closes)");
        }
        else
        {
            var list = members.List(window.Name[1..]);
            var labels = list.Select(m => m.Operator ? "@" + m.Nick : m.Nick).ToList();
            var lines = Math.Max(1, count - 1);
            var cell = Math.Min(width, labels.Select(TextCells.WidthOf).DefaultIfEmpty(0).Max() + 2);
            var columns = Math.Max(1, width / Math.Max(1, cell));
            var perPage = columns * lines;
            _pages = Math.Max(1, (labels.Count + perPage - 1) / perPage);
            _page = Math.Min(_page, _pages - 1);
            var ops = list.Count(m => m.Operator);
            var paging = _pages > 1 ? $", page {_page + 1}/{_pages} (PgUp/PgDn)" : "";
            rows.Add($"{window.Name}: {Phrases.Plural(labels.Count, "user")}{(ops > 0 ? ", " + Phrases.Plural(ops, "operator") : "")}{paging}  (F2 closes)");
            var page = labels.Skip(_page * perPage).Take(perPage).ToList();
            for (var line = 0; line < lines; line++)
            {
                var row = new StringBuilder();
                for (var column = 0; column < columns && column * lines + line < page.Count; column++)
                {
                    var label = TextCells.Fit(page[column * lines + line], cell);
                    row.Append(label).Append(' ', column < columns - 1 ? cell - TextCells.WidthOf(label) : 0);
                }
                rows.Add(row.ToString().TrimEnd());
            }
        }
        rows = [.. rows.Take(count).Select(r => TextCells.Fit(r, width))];
        while (rows.Count < count)
        {
            rows.Add("");
        }
        return rows;
    }
}
