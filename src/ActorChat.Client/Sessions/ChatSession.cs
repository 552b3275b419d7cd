using System.Net.Sockets;
using System.Security.Authentication;
using ActorChat.Client.Protocol;
using ActorChat.Core.Chat.Events;
using ActorChat.Core.Protocols.Json;

namespace ActorChat.Client.Sessions;

/// <summary>Where a session shows what happens: events from the server, and the client's own words.</summary>
internal interface IChatView
{
    void Show(ServerEvent serverEvent);

    void Status(string text);

    /// <summary>The password of a registered nick the server asks for at the start; null: none to give (the nick is refused).</summary>
    string? Password(string nick) => null;
}

internal enum StartResult { Registered, NickRefused, Refused, Disconnected }

/// <summary>
/// A chat session in JSON mode, whatever the front end: registers (taking a suffixed nick when its
/// own is taken), keeps track of its nick, its rooms and who is in them, and when the connection
/// drops, reconnects with back-off, takes its nick back and rejoins its rooms.
/// </summary>
internal sealed class ChatSession(ClientOptions options, IChatView view) : IAsyncDisposable
{
    private const string Lobby = "lobby";
    private readonly RoomMembers _members = new();
    private readonly HashSet<string> _rooms = new(StringComparer.OrdinalIgnoreCase);
    private string _wanted = options.Nick ?? "";      // the nick chosen last: what a reconnect asks for
    private string _current = Lobby;                  // the server's current room, made current again after a reconnect
    private ChatConnection? _connection;
    private volatile bool _quitting;
    private string? _password;                        // the password last sent with /identify: a reconnect identifies again with it
    private string? _removedBy;                       // "killed by root: spam", "you are banned": the server wants this one gone

    public string Nick { get; private set; } = options.Nick ?? "";

    /// <summary>Nicks in the rooms this session is in, but its own: what completion offers.</summary>
    public IReadOnlyCollection<string> PresentNicks => _members.All(except: Nick);

    /// <summary>Who is in each room and who operates it, for the member list.</summary>
    public RoomMembers Members => _members;

    /// <summary>The nick to register with at the next start (a nick typed after the server refused one).</summary>
    public void Want(string nick) => _wanted = Nick = nick;

    /// <summary>Connects, registers and rejoins the rooms it was in. Throws <see cref="SocketException"/> when refused.</summary>
    public async Task<StartResult> StartAsync(CancellationToken cancellationToken)
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }
        var connection = await ChatConnection.ConnectAsync(options, cancellationToken);
        _connection = connection;
        await connection.SendLineAsync("/json");
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var nick = attempt == 0 ? _wanted : $"{_wanted[..Math.Min(_wanted.Length, 21)]}_{attempt}";
            await connection.SendLineAsync(nick);
            while (true)
            {
                var line = await connection.ReadLineAsync(cancellationToken);
                if (line is null)
                {
                    return StartResult.Disconnected;
                }
                var e = ServerEvent.Parse(line);
                if (e.Type == JsonType.Welcome)
                {
                    Nick = e.Nick;
                    _members.Clear();
                    view.Show(e);
                    await RejoinAsync(connection);
                    return StartResult.Registered;
                }
                if (e.Type == JsonType.Error && e.Code == JsonFormat.Code(Problem.NickTaken))
                {
                    break;          // try the next suffix
                }
                if (e.Type == JsonType.Info && e.Code == JsonFormat.Code(Problem.NickRegistered))
                {
                    view.Show(e);
                    if ((_password ??= PasswordFile() ?? view.Password(nick)) is not { } password)
                    {
                        return StartResult.NickRefused;
                    }
                    await connection.SendLineAsync($"/identify {nick} {password}");      // at the prompt: identifies, and the welcome follows
                    continue;
                }
                if (e.Type == JsonType.Account)
                {
                    view.Show(e);              // "you are identified as alice", before the welcome
                    continue;
                }
                if (e.Type == JsonType.Error && e.Code == JsonCodes.Banned)
                {
                    view.Show(e);              // banned while away: coming back again would only be refused again
                    _removedBy = e.Text;
                    return StartResult.Refused;
                }
                if (e.Type == JsonType.Error)
                {
                    _password = null;          // a wrong password is not tried again
                    view.Show(e);
                    return StartResult.NickRefused;
                }
                if (e.Text.StartsWith("! ", StringComparison.Ordinal))
                {
                    view.Show(e);              // turned away before the protocol began: too many connections, or a ban
                    if (e.Text.StartsWith("! you are banned", StringComparison.Ordinal))
                    {
                        _removedBy = e.Text[2..];
                    }
                    return StartResult.Refused;
                }
            }
        }
        return StartResult.NickRefused;
    }

    /// <summary>Shows what the server sends until the connection ends for good (quit, or no reconnecting).</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested && _connection is { } connection)
        {
            var line = await connection.ReadLineAsync(cancellationToken);
            if (line is not null)
            {
                var e = ServerEvent.Parse(line);
                Track(e);
                view.Show(e);
                continue;
            }
            if (_quitting || !options.Reconnect)
            {
                return;
            }
            if (_removedBy is { } why)
            {
                view.Status($"the server removed you ({why}): not reconnecting");
                return;
            }
            await ReconnectAsync(cancellationToken);
            if (_removedBy is { } banned)
            {
                view.Status($"the server refused you ({banned}): not reconnecting");
                return;
            }
        }
    }

    public async Task SendAsync(string line)
    {
        if (line.StartsWith("/quit", StringComparison.OrdinalIgnoreCase))
        {
            _quitting = true;
        }
        if (line.StartsWith("/identify ", StringComparison.OrdinalIgnoreCase) && line.Split(' ', StringSplitOptions.RemoveEmptyEntries) is { Length: 2 or 3 } words)
        {
            _password = words[^1];
        }
        if (_connection is not { } connection)
        {
            view.Status("not connected: the line was not sent");
            return;
        }
        try
        {
            await connection.SendLineAsync(line);
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
        {
            view.Status("not connected: the line was not sent");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }
    }

    /// <summary>Joins the rooms it was in, the current one last so that it is current again.</summary>
    private async Task RejoinAsync(ChatConnection connection)
    {
        var current = _current;
        foreach (var room in _rooms.Where(r => !r.Equals(current, StringComparison.OrdinalIgnoreCase)).Append(current))
        {
            if (_rooms.Contains(room) || room.Equals(Lobby, StringComparison.OrdinalIgnoreCase) && _rooms.Count > 0)
            {
                await connection.SendLineAsync($"/join #{room}");
            }
        }
    }

    private async Task ReconnectAsync(CancellationToken cancellationToken)
    {
        await _connection!.DisposeAsync();
        var delay = options.ReconnectDelay;
        view.Status($"disconnected from {options.Host}:{options.Port}; reconnecting in {Seconds(delay)}");
        while (!cancellationToken.IsCancellationRequested)
        {
            await Task.Delay(delay, cancellationToken);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, ClientOptions.MaxReconnectDelay.Ticks));
            try
            {
                if (await StartAsync(cancellationToken) == StartResult.Registered)
                {
                    var rooms = string.Join(' ', _rooms.Select(r => "#" + r));
                    view.Status($"reconnected as {Nick}{(rooms.Length > 0 ? "; rejoined " + rooms : "")}. "
                        + "What was said while you were away is not recovered.");
                    return;
                }
                if (_removedBy is not null)
                {
                    return;             // banned meanwhile: RunAsync says so and stops
                }
                view.Status($"reconnect failed (the server did not take the nick); trying again in {Seconds(delay)}");
            }
            catch (Exception e) when (e is SocketException or IOException or AuthenticationException)
            {
                view.Status($"reconnect failed ({(e is SocketException s ? s.SocketErrorCode : e.Message)}); trying again in {Seconds(delay)}");
            }
        }
    }

    /// <summary>The password kept in --password-file; null when there is none or it cannot be read.</summary>
    private string? PasswordFile()
    {
        try
        {
            return options.PasswordFile is { } file ? File.ReadAllText(file).Trim() : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            view.Status($"cannot read the password file: {e.Message}");
            return null;
        }
    }

    private static string Seconds(TimeSpan delay) => $"{delay.TotalSeconds:0.#} s";

    /// <summary>Follows its own nick, rooms and current room, and who is in each room.</summary>
    private void Track(ServerEvent e)
    {
        var mine = e.Nick.Equals(Nick, StringComparison.OrdinalIgnoreCase);
        switch (e.Type)
        {
            case JsonType.Join when mine:
                _rooms.Add(e.Room);
                _current = e.Room;
                break;
            case JsonType.Part or JsonType.Kick when mine:
                _rooms.Remove(e.Room);          // kicked: not rejoined after a reconnect either
                break;
            case JsonType.Nick when e.Old.Equals(Nick, StringComparison.OrdinalIgnoreCase):
                _wanted = Nick = e.Nick;
                break;
            case JsonType.Info when CurrentRoomIn(e.Text) is { } room:
                _current = room;
                break;
            case JsonType.Error when e.Code is JsonCodes.Killed or JsonCodes.Banned:
                _removedBy = e.Text;
                break;
            case JsonType.Info when e.Code == JsonCodes.LoggedInElsewhere:
                _removedBy = e.Text;           // reconnecting would log that one out in turn, and so on for ever
                break;
            case JsonType.Error when e.Code == JsonFormat.Code(Problem.WrongPassword):
                _password = null;
                break;
            case JsonType.Info when e.Text.StartsWith("you are now ", StringComparison.Ordinal):
                _wanted = Nick = e.Text["you are now ".Length..];      // a nick change seen by nobody else (in no room)
                break;
        }
        _members.Track(e, Nick);
    }

    /// <summary>The room the server made current, from "#dev is now your current room" or "your current room is now #dev".</summary>
    private static string? CurrentRoomIn(string text)
    {
        const string Became = " is now your current room", Now = "your current room is now #";
        return text.StartsWith('#') && text.EndsWith(Became, StringComparison.Ordinal) ? text[1..^Became.Length]
            : text.StartsWith(Now, StringComparison.Ordinal) ? text[Now.Length..]
            : null;
    }
}
