using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;
using ActorChat.Core;
using ActorChat.Core.Actors;
using ActorChat.Core.Chat;
using ActorChat.Core.Chat.Events;
using ActorChat.Core.Chat.Moderation;
using ActorChat.Core.Metrics;
using ActorChat.Core.Protocols;
using ActorChat.Core.Protocols.Line;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ActorChat.Server.Udp;

/// <summary>
/// The UDP broadcast actor: mirrors live room events to listeners that subscribed with the two-step
/// cookie handshake, as numbered datagrams. Its mailbox drops the oldest item when full, and its
/// sends never block, so a slow or vanished listener costs the rooms nothing but dropped datagrams.
/// Requests from listeners have a lane of their own (a flood of them never evicts room events, and a
/// busy room never drops a handshake), drained by the same pump, which alone owns the subscriptions.
/// </summary>
internal sealed class UdpMirror : Actor<UdpMirror.Work>, IRoomMirror
{
    private const int MailboxCapacity = 8192;
    private const int RequestLaneCapacity = 1024;
    private const int MaxRequestBytes = 512;
    private const int AmplificationFactor = 3;
    private static readonly TimeSpan SweepEvery = TimeSpan.FromSeconds(10);

    private readonly ChatOptions _options;
    private readonly TimeProvider _clock;
    private readonly UdpCookies _cookies = new();
    private readonly Dictionary<string, Dictionary<IPEndPoint, Subscription>> _rooms = new(Names.Comparer);
    private readonly Dictionary<IPEndPoint, int> _roomsPerListener = [];
    private readonly Channel<Request> _requests = Channel.CreateBounded<Request>(
        new BoundedChannelOptions(RequestLaneCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.DropWrite });
    private readonly HashSet<string>? _mirrored;
    private int _wakePending;
    private readonly byte[] _datagram;
    private readonly IPEndPoint? _broadcastTo;
    private long _broadcastSeq;
    private int _subscriptions;
    private long _dropped, _droppedReported;
    private DateTimeOffset _nextSweep;
    private Socket? _socket;
    private Task _receiveLoop = Task.CompletedTask;

    /// <summary>A room event to mirror, or (null) a wake-up: requests are waiting in their lane.</summary>
    internal readonly record struct Work(RoomEvent? Event);

    private readonly record struct Request(byte[] Bytes, IPEndPoint From);

    private sealed class Subscription(DateTimeOffset expires, byte[] lineEnd)
    {
        public long Seq;
        public DateTimeOffset Expires = expires;

        /// <summary>What ended the listener's request: "\n" from <c>nc -u</c>, or nothing; its datagrams end the same way.</summary>
        public byte[] LineEnd = lineEnd;
    }

    private static readonly byte[] NoLineEnd = [], NewLine = "\n"u8.ToArray();

    private readonly ModerationView _moderation;

    public UdpMirror(IOptions<ChatOptions> options, ModerationView moderation, TimeProvider clock, ILogger<UdpMirror> logger)
        : base(logger, MailboxCapacity, batchSize: 256, BoundedChannelFullMode.DropOldest)
    {
        _moderation = moderation;
        _options = options.Value;
        _clock = clock;
        _datagram = new byte[_options.UdpMaxDatagramBytes];
        _broadcastTo = _options.UdpBroadcastTo.Length > 0 ? IPEndPoint.Parse(_options.UdpBroadcastTo) : null;
        var rooms = _options.UdpRooms.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        _mirrored = rooms.Length == 0 ? null : rooms.Select(r => Names.TryParseRoom(r, out var room) ? room : r).ToHashSet(Names.Comparer);
    }

    /// <summary>Ends when the mailbox is drained and the receive loop has ended.</summary>
    public Task Stopped => Task.WhenAll(Completion, _receiveLoop);

    /// <summary>Binds the UDP port and starts; null when UDP is off (<c>UdpPort</c> -1).</summary>
    public IPEndPoint? Bind()
    {
        if (_options.UdpPort < 0)
        {
            return null;
        }
        var address = _options.BindAddress;
        // Never blocks on a send; a roomy receive buffer so a burst of requests is not dropped by the kernel.
        var socket = new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp) { Blocking = false, ReceiveBufferSize = 1 << 20 };
        if (address.Equals(IPAddress.IPv6Any))
        {
            socket.DualMode = true;
        }
        if (_broadcastTo is not null)
        {
            socket.EnableBroadcast = true;
            socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.MulticastTimeToLive, 1);
        }
        socket.Bind(new IPEndPoint(address, _options.UdpPort));
        _socket = socket;
        Start();
        _receiveLoop = Task.Run(ReceiveLoopAsync);
        return (IPEndPoint)socket.LocalEndPoint!;
    }

    /// <summary>Closes the socket (ending the receive loop) and stops the pump after what is queued.</summary>
    public void Close()
    {
        _socket?.Dispose();
        Stop();
    }

    public void Publish(RoomEvent roomEvent)
    {
        if (_socket is not null && IsMirrored(roomEvent.Room))
        {
            Mailbox.TryWrite(new Work(roomEvent));   // never waits: a full mailbox drops its oldest
        }
    }

    protected override void OnDropped(Work work)
    {
        if (work.Event is null)
        {
            Volatile.Write(ref _wakePending, 0);     // a wake-up pushed out by a burst: the next request posts another
        }
        else
        {
            Interlocked.Increment(ref _dropped);
            ChatMetrics.DatagramDrops.Add(1);
        }
    }

    /// <summary>Verified listeners now (for metrics; read off the pump, a count may be a moment old).</summary>
    public int Listeners => _roomsPerListener.Count;

    /// <summary>After every batch of room events, the requests that came meanwhile: a burst can never starve them.</summary>
    protected override ValueTask AfterBatchAsync()
    {
        AnswerRequests(_clock.GetUtcNow());
        return default;
    }

    protected override void Receive(Work work)
    {
        var now = _clock.GetUtcNow();
        if (work.Event is { } roomEvent)
        {
            Mirror(roomEvent, now);
        }
        else
        {
            Volatile.Write(ref _wakePending, 0);
            AnswerRequests(now);
        }
        if (now >= _nextSweep)
        {
            Sweep(now);
        }
    }

    private async Task ReceiveLoopAsync()
    {
        var buffer = new byte[MaxRequestBytes];
        var anyone = new IPEndPoint(_socket!.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        while (true)
        {
            try
            {
                var received = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, anyone).ConfigureAwait(false);
                // A full lane drops the new request (a listener asks again); one wake-up at most waits in the mailbox.
                if (_requests.Writer.TryWrite(new Request(buffer.AsSpan(0, received.ReceivedBytes).ToArray(), (IPEndPoint)received.RemoteEndPoint))
                    && Interlocked.Exchange(ref _wakePending, 1) == 0)
                {
                    Mailbox.TryWrite(new Work(null));
                }
            }
            catch (SocketException)
            {
                // An ICMP "port unreachable" from a vanished listener, or a datagram too large: not our concern.
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            catch (Exception e)
            {
                Core.Log.MessageFailed(Logger, nameof(UdpMirror), e);     // the loop goes on: no datagram stops the mirror
            }
        }
    }

    private void Mirror(RoomEvent roomEvent, DateTimeOffset now)
    {
        var encoded = roomEvent.EncodeFor(TextFormat.Instance);
        var line = encoded.AsSpan(0, encoded.Length - Wire.NewLine.Length);
        if (_broadcastTo is not null)
        {
            Send(++_broadcastSeq, line, _broadcastTo);
        }
        if (!_rooms.TryGetValue(roomEvent.Room, out var listeners))
        {
            return;
        }
        foreach (var (listener, subscription) in listeners)
        {
            if (subscription.Expires > now)
            {
                Send(++subscription.Seq, line, listener, subscription.LineEnd);
            }
        }
    }

    private void Send(long seq, ReadOnlySpan<byte> line, IPEndPoint to, byte[]? lineEnd = null)
    {
        var length = MirrorDatagram.Write(_datagram, seq, line, lineEnd);
        SendRaw(_datagram.AsSpan(0, length), to);
    }

    private void SendRaw(ReadOnlySpan<byte> datagram, IPEndPoint to)
    {
        try
        {
            _socket!.SendTo(datagram, SocketFlags.None, to);
            ChatMetrics.Datagrams.Add(1);
        }
        catch (SocketException)
        {
            Interlocked.Increment(ref _dropped);    // the socket buffer is full (it never blocks) or the route is gone
            ChatMetrics.DatagramDrops.Add(1);
        }
        catch (ObjectDisposedException)
        {
            // Stopping.
        }
    }

    private void Answer(byte[] request, IPEndPoint from, DateTimeOffset now)
    {
        var words = Encoding.UTF8.GetString(request).Split((char[])[' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries);
        var verb = words.Length > 0 ? words[0].ToUpperInvariant() : "";
        var lineEnd = request.Length > 0 && request[^1] == '\n' ? NewLine : NoLineEnd;
        var answer = (verb, words.Length) switch
        {
            ("SUB", 2 or 3) when _moderation.AddressBan(from.Address) is not null => "ERR you are banned",
            ("SUB", 2 or 3) when Names.TryParseRoom(words[1], out var room) && (!IsMirrored(room) || _moderation.IsInviteOnly(room)) => $"ERR #{room} is not mirrored",
            ("SUB", 2) => Names.TryParseRoom(words[1], out var room) ? $"COOKIE {_cookies.Issue(from, room, now)}" : BadRoom,
            ("SUB", 3) => Subscribe(words[1], words[2], from, now, lineEnd),
            ("UNSUB", 2) => Unsubscribe(words[1], from),
            _ => "ERR usage: SUB ROOM, then SUB ROOM COOKIE; UNSUB ROOM",
        };
        var bytes = Encoding.UTF8.GetBytes(lineEnd.Length == 0 ? answer : answer + "\n");
        // Until an address has echoed a cookie, it gets at most three times the bytes it sent (as QUIC does).
        if (_roomsPerListener.ContainsKey(from) || bytes.Length <= AmplificationFactor * request.Length)
        {
            SendRaw(bytes, from);
        }
    }

    private const string BadRoom = "ERR bad room name";

    private void AnswerRequests(DateTimeOffset now)
    {
        while (_requests.Reader.TryRead(out var request))
        {
            Answer(request.Bytes, request.From, now);
        }
    }

    private bool IsMirrored(string room) => _mirrored?.Contains(room) ?? true;

    private string Subscribe(string roomText, string cookie, IPEndPoint from, DateTimeOffset now, byte[] lineEnd)
    {
        if (!Names.TryParseRoom(roomText, out var room))
        {
            return BadRoom;
        }
        if (!_cookies.IsValid(cookie, from, room, now))
        {
            return "ERR bad or old cookie: send SUB ROOM for a new one";
        }
        if (!_rooms.TryGetValue(room, out var listeners))
        {
            _rooms[room] = listeners = [];
        }
        var expires = now.AddSeconds(_options.UdpTtlSeconds);
        if (listeners.TryGetValue(from, out var subscription) && subscription.Expires > now)
        {
            subscription.Expires = expires;    // renewed; the sequence goes on
            subscription.LineEnd = lineEnd;
        }
        else
        {
            if (subscription is null && _subscriptions >= _options.UdpMaxListeners)
            {
                return $"ERR the server has {_options.UdpMaxListeners} listeners already; try later";
            }
            if (subscription is null)
            {
                Track(from, +1);
            }
            listeners[from] = new Subscription(expires, lineEnd);
            Log.UdpSubscribed(Logger, from, room);
        }
        return $"OK #{room} {_options.UdpTtlSeconds}";
    }

    private string Unsubscribe(string roomText, IPEndPoint from)
    {
        if (!Names.TryParseRoom(roomText, out var room))
        {
            return BadRoom;
        }
        if (_rooms.TryGetValue(room, out var listeners) && listeners.Remove(from))
        {
            Track(from, -1);
            if (listeners.Count == 0)
            {
                _rooms.Remove(room);
            }
        }
        return $"BYE #{room}";
    }

    /// <summary>Counts subscriptions in all and per listener (a listener with any is a verified address).</summary>
    private void Track(IPEndPoint listener, int delta)
    {
        _subscriptions += delta;
        var count = _roomsPerListener.GetValueOrDefault(listener) + delta;
        if (count > 0)
        {
            _roomsPerListener[listener] = count;
        }
        else
        {
            _roomsPerListener.Remove(listener);
        }
    }

    /// <summary>Forgets expired subscriptions and reports drops now and then.</summary>
    private void Sweep(DateTimeOffset now)
    {
        _nextSweep = now + SweepEvery;
        foreach (var (room, listeners) in _rooms)
        {
            foreach (var (listener, subscription) in listeners)
            {
                if (subscription.Expires <= now)
                {
                    listeners.Remove(listener);
                    Track(listener, -1);
                }
            }
            if (listeners.Count == 0)
            {
                _rooms.Remove(room);
            }
        }
        var dropped = Interlocked.Read(ref _dropped);
        if (dropped > _droppedReported)
        {
            Log.MirrorDropped(Logger, dropped - _droppedReported);
            _droppedReported = dropped;
        }
    }
}
