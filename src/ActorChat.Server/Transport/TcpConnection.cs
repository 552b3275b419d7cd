using ActorChat.Core.Actors;
using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using System.Net.Sockets;
using System.Threading.Channels;
using ActorChat.Core;
using ActorChat.Core.Sessions;
using ActorChat.Server.Admission;
using ActorChat.Core.Chat;
using ActorChat.Core.Protocols;
using ActorChat.Core.Protocols.Line;
using ActorChat.Server.Udp;
using Microsoft.Extensions.Logging;

namespace ActorChat.Server.Transport;

/// <summary>An item in a connection's send queue, with the bytes it was charged against the byte bound.</summary>
internal readonly record struct Delivery(Outgoing Item, bool History, int Charge);

/// <summary>
/// One TCP connection. Its reader turns the socket's bytes into lines (System.IO.Pipelines and the
/// <see cref="LineDecoder"/>), answers what needs no room state, and posts the rest to the broker;
/// its mailbox is the send queue, bounded in lines and in bytes, and its pump writes each batch of
/// queued lines to the socket in one send.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification =
    "The token source outlives the connection on purpose: the broker may still cut a client that has just ended.")]
internal sealed class TcpConnection : Actor<Delivery>, IChatClient
{
    private const int BatchBytes = 64 * 1024;
    private static readonly TimeSpan CloseDeadline = TimeSpan.FromSeconds(5);

    private readonly Socket _socket;
    private readonly IChatBroker _broker;
    private readonly ChatOptions _options;
    private readonly TimeProvider _clock;
    private readonly CancellationTokenSource _abort = new();   // ends a pending read and send
    private int _closing;                                      // 1 once closing: later deliveries are dropped
    private volatile string? _abortReason;
    private long _queuedBytes;
    private volatile bool _jsonForCharge;

    // Owned by the pump.
    private bool _json, _timestamps;
    private byte[]? _batch;
    private int _batchLength;
    private long _batchCharge;

    public TcpConnection(Socket socket, IChatBroker broker, ChatOptions options, TimeProvider clock, ILogger logger)
        : base(logger, options.SendQueueLines, batchSize: 256)
    {
        _socket = socket;
        _broker = broker;
        _options = options;
        _clock = clock;
        Remote = socket.RemoteEndPoint?.ToString() ?? "?";
    }

    public string Remote { get; }

    /// <summary>Serves the connection until it is closed by either side.</summary>
    public async Task RunAsync()
    {
        Start();
        await PostAlwaysAsync(new Connected(this)).ConfigureAwait(false);
        string reason;
        using (_clock.CreateTimer(static self => ((TcpConnection)self!).RegistrationTimeUp(), this, TimeSpan.FromSeconds(_options.RegistrationTimeoutSeconds), Timeout.InfiniteTimeSpan))
        {
            reason = await ReadAsync().ConfigureAwait(false);
        }
        Close();
        // Whatever ended the connection (even a cancelled send), the broker must hear of it, or the
        // member would stay in its rooms for good.
        await PostAlwaysAsync(new Disconnected(this, _abortReason ?? reason)).ConfigureAwait(false);
        await Completion.ConfigureAwait(false);
        _socket.Dispose();
    }

    public bool TryDeliver(Outgoing item, bool history = false)
    {
        if (Volatile.Read(ref _closing) != 0)
        {
            return true;     // nobody is left to read it
        }
        var charge = item.Encode(_jsonForCharge, history).Length;
        if (Interlocked.Add(ref _queuedBytes, charge) <= _options.SendQueueBytes && Mailbox.TryWrite(new Delivery(item, history, charge)))
        {
            return true;
        }
        Interlocked.Add(ref _queuedBytes, -charge);
        return Volatile.Read(ref _closing) != 0;
    }

    public void Close(Outgoing? last = null)
    {
        if (Interlocked.Exchange(ref _closing, 1) != 0)
        {
            return;
        }
        if (last is not null && !Mailbox.TryWrite(new Delivery(last, false, 0)))
        {
            Abort("send queue exceeded");
            return;
        }
        Stop();
        // A peer that does not read, or does not close its side, cannot hold the connection open.
        _abort.CancelAfter(CloseDeadline);
    }

    /// <summary>
    /// Drops what is queued; the batch already on its way and then the reason still go out if the
    /// peer reads before the close deadline, so it learns why it was cut.
    /// </summary>
    public void Abort(string reason)
    {
        _abortReason ??= reason;
        Interlocked.Exchange(ref _closing, 1);
        Stop();
        _abort.CancelAfter(CloseDeadline);
    }

    /// <summary>Ends the connection now, whatever is queued or on its way.</summary>
    public void Kill()
    {
        Interlocked.Exchange(ref _closing, 1);
        Stop();
        _abort.Cancel();
    }

    private void RegistrationTimeUp() => _ = PostAlwaysAsync(new RegistrationExpired(this));

    /// <summary>Posts even when this connection is being cut (no cancellation); only a stopped broker refuses.</summary>
    private async Task PostAlwaysAsync(BrokerMessage message)
    {
        try
        {
            await _broker.PostAsync(message).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            // The server is stopping; there is no one left to tell.
        }
    }

    private async Task<string> ReadAsync()
    {
        var input = PipeReader.Create(new NetworkStream(_socket, ownsSocket: false),
            new StreamPipeReaderOptions(bufferSize: 4096, minimumReadSize: 1024, leaveOpen: true, useZeroByteReads: true));
        var decoder = new LineDecoder(_options.MaxLineBytes);
        var flood = _options.FloodLinesPerSecond > 0 ? new FloodGate(_options.FloodLinesPerSecond, _options.FloodBurst, _clock) : null;
        var firstRead = true;
        var firstLine = true;
        try
        {
            while (true)
            {
                var result = await input.ReadAsync(_abort.Token).ConfigureAwait(false);
                var buffer = result.Buffer;
                if (firstRead && !buffer.IsEmpty)
                {
                    firstRead = false;
                    if (ProtocolSniffer.IsTlsHello(buffer.FirstSpan[0]))
                    {
                        Close(Notice.Error(ProtocolSniffer.Answer));
                    }
                }
                while (Volatile.Read(ref _closing) == 0 && decoder.TryDecode(ref buffer, out var inputEvent))
                {
                    if (flood is not null && inputEvent.Kind is InputKind.Line or InputKind.LineTooLong && flood.Take() is { } wait && wait > TimeSpan.Zero)
                    {
                        await Task.Delay(wait, _clock, _abort.Token).ConfigureAwait(false);   // backpressure: the rest waits in the socket
                    }
                    if (firstLine && inputEvent.Kind == InputKind.Line)
                    {
                        firstLine = false;
                        if (ProtocolSniffer.IsHttpRequestLine(inputEvent.Text))
                        {
                            Close(Notice.Error(ProtocolSniffer.Answer));
                            break;
                        }
                    }
                    await HandleAsync(inputEvent).ConfigureAwait(false);
                }
                // Once closing, input is read and dropped until the peer closes or the deadline passes.
                input.AdvanceTo(result.Buffer.End);
                if (result.IsCompleted)
                {
                    return "connection closed";
                }
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            return "connection lost";
        }
        finally
        {
            await input.CompleteAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Posts what the client sent to the broker, which answers everything in order.</summary>
    private ValueTask HandleAsync(InputEvent input)
    {
        Outgoing? answer = input.Kind switch
        {
            InputKind.TelnetReply => new RawBytes(input.Reply!),
            InputKind.AreYouThere => Notice.Info("yes, I am here"),
            InputKind.LineTooLong => Notice.Error($"line too long (max {_options.MaxLineBytes} bytes)"),
            _ => null,
        };
        if (answer is not null)
        {
            return _broker.PostAsync(new Answer(this, answer), _abort.Token);
        }
        return string.IsNullOrWhiteSpace(input.Text) ? default : _broker.PostAsync(new Input(this, Command.Parse(input.Text)), _abort.Token);
    }

    protected override void Receive(Delivery delivery)
    {
        _batchCharge += delivery.Charge;
        var item = delivery.Item;
        if (_abortReason is not null || _abort.IsCancellationRequested)
        {
            return;
        }
        if (item is ModeChange change)
        {
            _json = change.Json ?? _json;
            _timestamps = change.Timestamps ?? _timestamps;
            _jsonForCharge = _json;
            return;
        }
        if (_timestamps && !_json && item.Stamped)
        {
            // "[HH:MM:SS] " in UTC, formatted straight into the send buffer.
            item.Time.TryFormat(Reserve(16), out var written, "'['HH':'mm':'ss'] '", CultureInfo.InvariantCulture);
            _batchLength += written;
        }
        var bytes = item.Encode(_json, delivery.History);
        bytes.CopyTo(Reserve(bytes.Length));
        _batchLength += bytes.Length;
    }

    protected override bool BatchIsFull => _batchLength >= BatchBytes;

    protected override async ValueTask AfterBatchAsync()
    {
        Interlocked.Add(ref _queuedBytes, -_batchCharge);
        _batchCharge = 0;
        if (_batch is null)
        {
            return;
        }
        try
        {
            if (_batchLength > 0 && !_abort.IsCancellationRequested)
            {
                await _socket.SendAsync(_batch.AsMemory(0, _batchLength), SocketFlags.None, _abort.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException)
        {
            Kill();     // the peer is gone; the reader reports it
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(_batch);
            _batch = null;
            _batchLength = 0;
        }
    }

    /// <summary>The mailbox is drained: say why if the connection was cut, then end the sending side.</summary>
    protected override async ValueTask OnStoppedAsync()
    {
        try
        {
            if (_abortReason is { } reason)
            {
                await _socket.SendAsync(Notice.Error(reason).Encode(_json, false), SocketFlags.None, _abort.Token).ConfigureAwait(false);
            }
            _socket.Shutdown(SocketShutdown.Send);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // Gone, or past the close deadline without reading.
        }
    }

    /// <summary>Room for <paramref name="bytes"/> more in the pooled send buffer, grown as needed.</summary>
    private Span<byte> Reserve(int bytes)
    {
        var needed = _batchLength + bytes;
        if (_batch is null || _batch.Length < needed)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(needed, 4096));
            if (_batch is not null)
            {
                _batch.AsSpan(0, _batchLength).CopyTo(larger);
                ArrayPool<byte>.Shared.Return(_batch);
            }
            _batch = larger;
        }
        return _batch.AsSpan(_batchLength);
    }
}
