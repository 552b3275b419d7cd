using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Threading.Channels;
using ActorChat.Client.Protocol;
using ActorChat.Client.Sessions;
using ActorChat.Core.Protocols.Json;

namespace ActorChat.Client.Terminal;

/// <summary>
/// Interactive mode, full screen: the shown window's lines, a status line, and the input line,
/// redrawn as a whole picture (<see cref="Frame"/>) after every change, so nothing on screen can
/// be stale at any size. One lock orders keys, arrivals and resizes. What is typed is handled in
/// TerminalSession.Input.cs.
/// Hand-written rather than Terminal.Gui or Spectre.Console: the screen is three regions and a
/// row diff, a few hundred lines that a tmux test checks cell by cell, where a toolkit would bring
/// its own event loop and redraw policy to fight with for the same result.
/// </summary>
internal sealed partial class TerminalSession : IChatView
{
    private const string LagToken = "lag-";
    private static readonly TimeSpan LagEvery = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan QuitWait = TimeSpan.FromSeconds(2);

    private readonly ClientOptions _options;
    private readonly EventFormatter _formatter;
    private readonly ChatWindows _windows = new();
    private readonly Screen _screen = new(Console.Out);
    private readonly Lock _gate = new();
    private readonly Channel<string> _outgoing = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private readonly HashSet<string> _quietSwitches = new(StringComparer.OrdinalIgnoreCase);   // their "is now your current room" goes unshown
    private readonly KeyBindings _keys;
    private readonly LineEditor _editor;
    private readonly OlderHistory _older = new();
    private MemberPanel? _members;
    private ChatSession? _session;
    private bool _fullScreen;
    private string _lastPmFrom = "";
    private TimeSpan? _lag;

    public TerminalSession(ClientOptions options)
    {
        _options = options;
        _formatter = new EventFormatter(_options.Color);
        _editor = new LineEditor(new InputHistory(_options.HistoryFile));
        _keys = new KeyBindings(_editor);
    }

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        await using var session = new ChatSession(_options, this);
        _session = session;
        _members = new MemberPanel(session.Members);
        var started = await StartAsync(session, cancellationToken);
        if (started != ExitCodes.Ok)
        {
            return started;
        }
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Console.TreatControlCAsInput = true;
        Console.Write("\u001b[?1049h");       // the alternate screen: the shell's screen comes back on quit
        // A resize redraws at once; on Windows (no SIGWINCH) at the next key or message, as every drawing reads the size.
        using var resized = OperatingSystem.IsWindows() ? null : PosixSignalRegistration.Create(PosixSignal.SIGWINCH, _ => Render());
        lock (_gate)
        {
            _fullScreen = true;
        }
        var reading = session.RunAsync(stop.Token);
        var sending = SendLoopAsync(session, stop.Token);
        var pinging = PingLoopAsync(stop.Token);
        var typing = Task.Factory.StartNew(KeyLoop, stop.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        Render();
        await Task.WhenAny(reading, typing);
        _outgoing.Writer.TryComplete();
        await Task.WhenAny(sending, Task.Delay(QuitWait, CancellationToken.None));    // the /quit goes out...
        await Task.WhenAny(reading, Task.Delay(QuitWait, CancellationToken.None));    // ...and the server closes
        await stop.CancelAsync();
        lock (_gate)
        {
            _fullScreen = false;
            Console.Write("\u001b[?1049l");
        }
        Console.WriteLine($"actorchat: you left {_options.Host}:{_options.Port} as {session.Nick}. Bye.");
        await Task.WhenAll(sending, pinging).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        return ExitCodes.Ok;
    }

    public void Show(ServerEvent e)
    {
        lock (_gate)
        {
            if (!_fullScreen && e.Type == "text" && e.Text.StartsWith("! ", StringComparison.Ordinal))
            {
                Console.WriteLine(e.Text);     // refused before the protocol began: too many connections
            }
            if (Consumed(e))
            {
                return;
            }
            var me = _session?.Nick ?? "";
            if (_older.Take(e, out var page))
            {
                if (page is not null)
                {
                    ShowOlder(page, me);
                }
                return;
            }
            if (e.Type is JsonType.Kick or JsonType.Kill && e.Nick.Equals(me, StringComparison.OrdinalIgnoreCase) && _windows.Find("#" + e.Room) is { } left)
            {
                _windows.Close(left);        // kicked out: the room's window goes, and the kick is shown where you are
            }
            var (window, attention) = _windows.Place(e, me);
            var lines = _formatter.Format(e, me, showRoom: !window.Name.Equals("#" + e.Room, StringComparison.OrdinalIgnoreCase)).Split('\n');
            if (!_fullScreen && e.Type == JsonType.Error)
            {
                Console.WriteLine(lines[0]);     // before the screen starts: the answer to the nick typed
            }
            for (var i = 0; i < lines.Length; i++)
            {
                var call = attention && i == 0;       // a reply of several lines calls once
                window.Add(call ? _formatter.Highlight(lines[i]) : lines[i], shown: window == _windows.Current, call, e.Id);
            }
            AfterPlaced(e, me);
            Render(bell: attention && _options.Bell);
        }
    }

    public void Status(string text)
    {
        lock (_gate)
        {
            Note(text);
        }
    }

    /// <summary>
    /// A registered nick at the start: its password from --password-file (read by the session), or
    /// typed here with no echo. Not while the screen runs (a reconnect): that one has the password
    /// sent last, or gives up the nick.
    /// </summary>
    public string? Password(string nick)
    {
        lock (_gate)
        {
            if (_fullScreen || Console.IsInputRedirected)
            {
                return null;
            }
        }
        Console.Write($"{nick} is registered; password (not shown, Enter alone for another nick): ");
        var typed = new System.Text.StringBuilder();
        for (var key = Console.ReadKey(intercept: true); key.Key != ConsoleKey.Enter; key = Console.ReadKey(intercept: true))
        {
            if (key.Key == ConsoleKey.Backspace)
            {
                typed.Length = Math.Max(0, typed.Length - 1);
            }
            else if (!char.IsControl(key.KeyChar))
            {
                typed.Append(key.KeyChar);
            }
        }
        Console.WriteLine();
        return typed.Length > 0 ? typed.ToString() : null;
    }

    /// <summary>Asks for a nick until the server takes one (an invalid nick is asked again, not fatal).</summary>
    private async Task<int> StartAsync(ChatSession session, CancellationToken cancellationToken)
    {
        var nick = _options.Nick;
        while (true)
        {
            while (string.IsNullOrWhiteSpace(nick))
            {
                Console.Write("nick: ");
                nick = Console.ReadLine()?.Trim();
                if (nick is null)
                {
                    return ExitCodes.BadArguments;
                }
            }
            session.Want(nick);
            var started = await SessionStarter.StartAsync(session, _options with { Nick = nick }, Console.Error, cancellationToken);
            if (started != ExitCodes.NickRefused)
            {
                return started;
            }
            nick = null;
        }
    }

    /// <summary>Events the client answers itself and does not show: its lag pings, the room switches it made for a window.</summary>
    private bool Consumed(ServerEvent e)
    {
        if (e.Type == JsonType.Pong && e.Token.StartsWith(LagToken, StringComparison.Ordinal)
            && long.TryParse(e.Token.AsSpan(LagToken.Length), CultureInfo.InvariantCulture, out var sent))
        {
            _lag = Stopwatch.GetElapsedTime(sent);
            Render();
            return true;
        }
        return e.Type == "text"
            || e.Type == JsonType.Info && e.Text.EndsWith(" is now your current room", StringComparison.Ordinal) && _quietSwitches.Remove(e.Text.Split(' ')[0].TrimStart('#'));
    }

    /// <summary>Windows follow your rooms: a room you join opens one and shows it, a room you leave closes its own.</summary>
    private void AfterPlaced(ServerEvent e, string me)
    {
        var mine = e.Nick.Equals(me, StringComparison.OrdinalIgnoreCase) && !e.History;
        switch (e.Type)
        {
            case JsonType.Welcome:
                _older.Reset();                 // a page asked on the connection before is not coming
                Send("/who #lobby");            // who is there, for completion and the member list
                break;
            case JsonType.Join when mine:
                Send($"/who #{e.Room}");
                _windows.Find("#" + e.Room)?.Topic = null;        // its topic, if it has one, comes next
                if (_windows.Find("#" + e.Room) is { Lines.Count: 1 } opened)
                {
                    SelectWindow(opened);          // a window just opened by this join (not one rejoined after a reconnect)
                }
                break;
            case JsonType.Part when mine && _windows.Find("#" + e.Room) is { } window:
                _windows.Close(window);
                break;
            case JsonType.Info when e.Text.StartsWith("your current room is now #", StringComparison.Ordinal)
                             && _windows.Find(e.Text["your current room is now ".Length..]) is { } current:
                _windows.Select(current);
                break;
            case JsonType.Pm when !e.From.Equals(me, StringComparison.OrdinalIgnoreCase):
                _lastPmFrom = e.From;
                break;
            default:
                FollowTopics(e);
                break;
        }
    }

    /// <summary>Each room window's topic, for the status line: from the topic sent on join and on /topic, topic changes, and /rooms.</summary>
    private void FollowTopics(ServerEvent e)
    {
        switch (e.Type)
        {
            case JsonType.RoomTopic when e.Reply is Core.Chat.Events.TopicReply reply:
                _windows.Find("#" + reply.Room)?.Topic = reply.Text;
                break;
            case JsonType.Topic:
                _windows.Find("#" + e.Room)?.Topic = e.Text.Length > 0 ? e.Text : null;
                break;
            case JsonType.Rooms:
                foreach (var (name, _, topic) in e.Rooms ?? [])
                {
                    _windows.Find("#" + name)?.Topic = topic;
                }
                break;
        }
    }

    /// <summary>An older page of a room arrived: put above its lines, and the PgUp that asked for it goes on when the view is still at the top.</summary>
    private void ShowOlder(OlderPage page, string me)
    {
        if (_windows.Find("#" + page.Room) is not { } window)
        {
            return;
        }
        var atTop = window.Page.Start == 0;
        window.Prepend([.. page.Lines.Select(l => (_formatter.Format(l.Event, me, showRoom: false), l.Id))]);
        if (page.NoneOlder)
        {
            window.EndOfHistory(_formatter.Note($"no older history in {window.Name}"));
        }
        if (atTop)
        {
            window.PageUp();
        }
        Render();
    }

    /// <summary>PgUp at the top of a room's lines: the page before them, from the server.</summary>
    private void LoadOlder()
    {
        foreach (var line in _older.Ask(_windows.Current))
        {
            Send(line);
        }
    }

    /// <summary>Shows a window; for a room, makes it the server's current room too, so /me, /who and /part act on the room shown.</summary>
    private void SelectWindow(ChatWindow window)
    {
        _windows.Select(window);
        if (window.IsRoom)
        {
            _quietSwitches.Add(window.Name[1..]);
            Send("/join " + window.Name);
        }
    }

    private void Note(string text)
    {
        _windows.Current.Add(_formatter.Note(text), shown: true, mention: false);
        Render();
    }

    private void Send(string line) => _outgoing.Writer.TryWrite(line);

    private async Task SendLoopAsync(ChatSession session, CancellationToken cancellationToken)
    {
        await foreach (var line in _outgoing.Reader.ReadAllAsync(cancellationToken))
        {
            await session.SendAsync(line);
        }
    }

    /// <summary>The lag on the status line: the time a /ping takes to come back, measured now and then.</summary>
    private async Task PingLoopAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(LagEvery);
        do
        {
            Send($"/ping {LagToken}{Stopwatch.GetTimestamp()}");
        }
        while (await timer.WaitForNextTickAsync(cancellationToken));
    }

    private void Render(bool bell = false)
    {
        lock (_gate)
        {
            if (!_fullScreen)
            {
                return;
            }
            var secret = _editor.Secret;
            var prompt = secret ? "password: " : _editor.Search is { } query ? $"(search '{query}') " : $"[{_windows.Current.Name}] ";
            var text = secret ? new string('*', _editor.Text.Length) : _editor.Text;
            var cursor = prompt.Length + (secret ? text.Length : _editor.Cursor);
            var (width, height) = Console.IsOutputRedirected ? (80, 24) : (Console.WindowWidth, Console.WindowHeight);
            var members = _members is { Shown: true } panel ? (w, count) => panel.Rows(_windows.Current, w, count) : (Func<int, int, IReadOnlyList<string>>?)null;
            _screen.Draw(Frame.Compose(width, height, _windows.Current, StatusLine(width), prompt + text, cursor, members), bell);
        }
    }

    /// <summary>
    /// " 2:#dev: Release on Fri…  alice  | 1:#lobby(4) 3:bob(1,@1)  lag 3 ms": the window shown and
    /// its topic, you, the windows with something unread (@: mentions), then the lag: what matters
    /// most comes first, as a narrow terminal cuts the line short. The topic takes the room the rest
    /// leaves, and at least a third of the width, cut with an ellipsis.
    /// </summary>
    private string StatusLine(int width)
    {
        var current = _windows.Current;
        var more = _older.IsLoading(current) ? " (loading older lines)" : current.ScrollEnd is null ? "" : " (more below: PgDn)";
        var activity = string.Join(' ', _windows.All.Where(w => w.Unread > 0)
            .Select(w => $"{_windows.NumberOf(w)}:{w.Name}({w.Unread}{(w.Mentions > 0 ? $",@{w.Mentions}" : "")})"));
        var lag = _lag is { } l ? $"  lag {l.TotalMilliseconds:0} ms" : "";
        var head = $" {_windows.NumberOf(current)}:{current.Name}";
        var tail = $"{more}  {_session?.Nick}{(activity.Length > 0 ? "  | " + activity : "")}{lag}";
        var topic = current.Topic is { Length: > 0 } t
            ? ": " + TextCells.Ellipsize(t, Math.Max(width - TextCells.WidthOf(head + tail) - 2, Math.Min(TextCells.WidthOf(t), width / 3)))
            : "";
        return head + topic + tail;
    }
}
