using System.Net.Sockets;
using ActorChat.Client.Protocol;

namespace ActorChat.Client.Sessions;

/// <summary>Where a session shows what happens: events from the server, and the client's own words.</summary>
internal interface IChatView
{
    void Show(ServerEvent serverEvent);

    void Status(string text);
}

internal enum StartResult { Registered, NickRefused, Refused, Disconnected }

/// <summary>
/// A chat session in JSON mode, whatever the front end: registers (taking a suffixed nick when its
/// own is taken), keeps track of its nick and rooms, and when the connection drops, reconnects with
/// back-off, takes its nick back and rejoins its rooms.
/// </summary>
internal sealed class ChatSession(ClientOptions options, IChatView view) : IAsyncDisposable
{
    private const string Lobby = "lobby";
    private readonly HashSet<string> _rooms = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _nicks = new(StringComparer.OrdinalIgnoreCase);
    private ChatConnection? _connection;
    private volatile bool _quitting;

    public string Nick { get; private set; } = options.Nick ?? "";

    /// <summary>Nicks seen so far, for completion.</summary>
    public IReadOnlyCollection<string> KnownNicks
    {
        get
        {
            lock (_nicks)
            {
                return [.. _nicks];
            }
        }
    }

    /// <summary>Connects, registers and rejoins the rooms it was in. Throws <see cref="SocketException"/> when refused.</summary>
    public async Task<StartResult> StartAsync(CancellationToken cancellationToken)
    {
        var connection = await ChatConnection.ConnectAsync(options.Host, options.Port, cancellationToken);
        _connection = connection;
        await connection.SendLineAsync("/json");
        var wanted = options.Nick ?? "";
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var nick = attempt == 0 ? wanted : $"{wanted[..Math.Min(wanted.Length, 21)]}_{attempt}";
            await connection.SendLineAsync(nick);
            while (true)
            {
                var line = await connection.ReadLineAsync(cancellationToken);
                if (line is null)
                {
                    return StartResult.Disconnected;
                }
                var e = ServerEvent.Parse(line);
                if (e.Type == "welcome")
                {
                    Nick = e.Nick;
                    view.Show(e);
                    foreach (var room in _rooms)
                    {
                        await connection.SendLineAsync($"/join #{room}");
                    }
                    return StartResult.Registered;
                }
                if (e.Type == "error" && e.Text.Contains("is taken", StringComparison.Ordinal))
                {
                    break;          // try the next suffix
                }
                if (e.Type == "error")
                {
                    view.Show(e);
                    return StartResult.NickRefused;
                }
                if (e.Text.StartsWith("! ", StringComparison.Ordinal))
                {
                    view.Show(e);              // turned away before the protocol began: too many connections
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
            await ReconnectAsync(cancellationToken);
        }
    }

    public async Task SendAsync(string line)
    {
        if (line.StartsWith("/quit", StringComparison.OrdinalIgnoreCase))
        {
            _quitting = true;
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

    private async Task ReconnectAsync(CancellationToken cancellationToken)
    {
        await _connection!.DisposeAsync();
        view.Status($"disconnected from {options.Host}:{options.Port}; reconnecting");
        var delay = options.ReconnectDelay;
        while (!cancellationToken.IsCancellationRequested)
        {
            await Task.Delay(delay, cancellationToken);
            try
            {
                if (await StartAsync(cancellationToken) == StartResult.Registered)
                {
                    var rooms = string.Join(' ', _rooms.Select(r => "#" + r));
                    view.Status($"reconnected as {Nick}{(rooms.Length > 0 ? "; rejoined " + rooms : "")}. "
                        + "What was said while you were away is not recovered, but each room replays its recent history.");
                    return;
                }
            }
            catch (SocketException e)
            {
                view.Status($"reconnect failed ({e.SocketErrorCode}); trying again in {delay.TotalSeconds:0} s");
            }
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, ClientOptions.MaxReconnectDelay.Ticks));
        }
    }

    /// <summary>Follows its own nick and rooms, and remembers the nicks it sees.</summary>
    private void Track(ServerEvent e)
    {
        var mine = e.Nick.Equals(Nick, StringComparison.OrdinalIgnoreCase);
        switch (e.Type)
        {
            case "join" when mine && !e.Room.Equals(Lobby, StringComparison.OrdinalIgnoreCase):
                _rooms.Add(e.Room);
                break;
            case "part" when mine:
                _rooms.Remove(e.Room);
                break;
            case "nick" when e.Old.Equals(Nick, StringComparison.OrdinalIgnoreCase):
                Nick = e.Nick;
                break;
        }
        lock (_nicks)
        {
            foreach (var nick in (e.Nicks ?? []).Append(e.Nick).Append(e.From).Where(n => n.Length > 0))
            {
                _nicks.Add(nick);
            }
        }
    }
}
