using System.Globalization;
using System.Threading.Channels;
using ActorChat.Core.Actors;
using ActorChat.Core.Chat;
using ActorChat.Core.Chat.Events;
using ActorChat.Core.Protocols;
using Microsoft.Extensions.Logging;

namespace ActorChat.Core.Sessions;

/// <summary>An event in a session's send queue, with the bytes it was charged against the byte bound.</summary>
internal readonly record struct Delivery(ChatEvent Item, bool History, int Charge);

/// <summary>
/// The connection actor, whatever the transport: its mailbox is the client's send queue, bounded in
/// lines and in bytes, and its pump encodes each batch in the session's wire format and hands it to
/// the sink in one flush. It also runs the connection's life: greeting, registration deadline, the
/// front end's reader, and, however that ends, the broker told that the client is gone.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification =
    "The token source outlives the connection on purpose: the broker may still cut a client that has just ended.")]
internal sealed class ClientSession : Actor<Delivery>, IChatClient
{
    private static readonly TimeSpan CloseDeadline = TimeSpan.FromSeconds(5);
    private static long s_lastId;

    private readonly ISessionSink _sink;
    private readonly IChatBroker _broker;
    private readonly ChatOptions _options;
    private readonly CancellationTokenSource _abort = new();   // ends a pending read and send
    private int _closing;                                      // 1 once closing: later deliveries are dropped
    private volatile SessionError? _abortReason;
    private long _queuedBytes;
    private volatile IWireFormat _chargeFormat;
    private TaskCompletionSource<bool>? _verdict;
    private TaskCompletionSource<ChatEvent?>? _login;

    // Owned by the pump.
    private IWireFormat _format;
    private bool _timestamps;
    private long _batchCharge;

    public ClientSession(string remote, ISessionSink sink, IWireFormat format, IChatBroker broker, ChatOptions options, ILogger logger)
        : base(logger, options.SendQueueLines, batchSize: 256)
    {
        Id = Interlocked.Increment(ref s_lastId);
        Remote = remote;
        _sink = sink;
        _broker = broker;
        _options = options;
        _format = _chargeFormat = format;
    }

    public long Id { get; }

    public string Remote { get; }

    /// <summary>True when the connection is encrypted (TLS), for the session's own and its peers' information.</summary>
    public bool Secure { get; init; }

    /// <summary>Cancelled when the connection must end now: a reader stops reading.</summary>
    public CancellationToken Aborted => _abort.Token;

    public bool IsClosing => Volatile.Read(ref _closing) != 0;

    /// <summary>
    /// Serves the connection until either side ends it. <paramref name="read"/> is the front end's
    /// reader; it returns the reason the rooms see when the peer ends the connection.
    /// </summary>
    public async Task RunAsync(Func<ClientSession, Task<string>> read, TimeProvider clock)
    {
        Start();
        var reason = "connection lost";
        try
        {
            await PostAlwaysAsync(new Connected(this)).ConfigureAwait(false);
            using (clock.CreateTimer(static self => ((ClientSession)self!).RegistrationTimeUp(), this,
                TimeSpan.FromSeconds(_options.RegistrationTimeoutSeconds), Timeout.InfiniteTimeSpan))
            {
                reason = await read(this).ConfigureAwait(false);
            }
        }
        finally
        {
            // Whatever ended the connection (even an exception), the broker must hear of it, or the
            // member would stay in its rooms for good.
            Close();
            await PostAlwaysAsync(new Disconnected(this, _abortReason is { } why ? Phrases.Of(why)!.Value.Text : reason)).ConfigureAwait(false);
            await Completion.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>Posts what the client wants; waits while the broker is busy (backpressure).</summary>
    public ValueTask PostAsync(Intent intent) => _broker.PostAsync(new Request(this, intent), _abort.Token);

    /// <summary>Sends events the front end made itself, in order with the answers to what the client sent before.</summary>
    public ValueTask RelayAsync(params ChatEvent[] items) => _broker.PostAsync(new Relay(this, items), _abort.Token);

    /// <summary>
    /// Completes when the broker has answered the pending <see cref="Register"/> (or <see cref="Identify"/>
    /// at the nick prompt): true when the nick was accepted, false when refused or when the connection is closing.
    /// </summary>
    public Task<bool> AwaitRegistrationAsync()
    {
        var verdict = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        Interlocked.Exchange(ref _verdict, verdict);     // a full fence: Close on another thread cannot miss it, nor it Close
        if (IsClosing)
        {
            verdict.TrySetResult(false);
        }
        return verdict.Task;
    }

    /// <summary>
    /// Completes when the broker has answered the pending <see cref="Identify"/>: with the
    /// <see cref="AccountReply"/> when it logged in, the <see cref="Refused"/> when not, null when
    /// the connection is closing.
    /// </summary>
    public Task<ChatEvent?> AwaitLoginAsync()
    {
        var login = new TaskCompletionSource<ChatEvent?>(TaskCreationOptions.RunContinuationsAsynchronously);
        Interlocked.Exchange(ref _login, login);     // a full fence, as in AwaitRegistrationAsync
        if (IsClosing)
        {
            login.TrySetResult(null);
        }
        return login.Task;
    }

    public bool TryDeliver(ChatEvent item, bool history = false)
    {
        var delivered = Queue(item, history);
        // Whoever waits for this answer hears of it only once it is queued, so a reader that closes
        // the connection on it (a wrong IRC PASS) cannot close before the answer is on its way.
        if (_login is { } login && item is AccountReply { Change: AccountChange.Identified } or Refused { Intent: Identify })
        {
            _login = null;
            login.TrySetResult(item);
        }
        if (_verdict is { } verdict && item is Welcome or Refused { Intent: Register or Identify })
        {
            _verdict = null;
            verdict.TrySetResult(item is Welcome);
        }
        return delivered;
    }

    /// <summary>Closing: whoever waits for a verdict or a login hears "no" now.</summary>
    private void ReleaseWaiters()
    {
        _verdict?.TrySetResult(false);
        _login?.TrySetResult(null);
    }

    private bool Queue(ChatEvent item, bool history)
    {
        if (Volatile.Read(ref _closing) != 0)
        {
            return true;     // nobody is left to read it
        }
        var charge = Charge(item, history);
        if (Interlocked.Add(ref _queuedBytes, charge) <= _options.SendQueueBytes && Mailbox.TryWrite(new Delivery(item, history, charge)))
        {
            return true;
        }
        Interlocked.Add(ref _queuedBytes, -charge);
        return Volatile.Read(ref _closing) != 0;
    }

    public void Close(ChatEvent? last = null)
    {
        if (Interlocked.Exchange(ref _closing, 1) != 0)
        {
            return;
        }
        ReleaseWaiters();
        if (last is not null && !Mailbox.TryWrite(new Delivery(last, false, 0)))
        {
            Abort(new SessionError(SessionProblem.SendQueueExceeded));
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
    public void Abort(SessionError why)
    {
        _abortReason ??= why;
        Interlocked.Exchange(ref _closing, 1);
        ReleaseWaiters();
        Stop();
        _abort.CancelAfter(CloseDeadline);
    }

    /// <summary>Ends the connection now, whatever is queued or on its way.</summary>
    public void Kill()
    {
        Interlocked.Exchange(ref _closing, 1);
        ReleaseWaiters();
        Stop();
        _abort.Cancel();
    }

    private int Charge(ChatEvent item, bool history) => item switch
    {
        RawBytes raw => raw.Bytes.Length,
        ModeChange => 0,
        _ => item.MeasureFor(_chargeFormat, history),
    };

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

    protected override void Receive(Delivery delivery)
    {
        _batchCharge += delivery.Charge;
        if (_abortReason is not null || _abort.IsCancellationRequested)
        {
            return;
        }
        switch (delivery.Item)
        {
            case ModeChange change:
                _format = _chargeFormat = change.Format ?? _format;
                _timestamps = change.Timestamps ?? _timestamps;
                return;
            case RawBytes raw:
                _sink.Append([], raw.Bytes);
                return;
        }
        var bytes = delivery.Item.EncodeFor(_format, delivery.History);
        if (bytes.Length == 0)
        {
            return;
        }
        Span<byte> stamp = stackalloc byte[16];
        var stamped = 0;
        if (_timestamps)
        {
            // "[HH:MM:SS] " in UTC.
            delivery.Item.Time.TryFormat(stamp, out stamped, "'['HH':'mm':'ss'] '", CultureInfo.InvariantCulture);
        }
        _sink.Append(stamp[..stamped], bytes);
    }

    protected override bool BatchIsFull => _sink.IsFull;

    protected override async ValueTask AfterBatchAsync()
    {
        Interlocked.Add(ref _queuedBytes, -_batchCharge);
        _batchCharge = 0;
        try
        {
            await _sink.FlushAsync(_abort.Token).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            LogUnlessGone(e);
            Kill();     // the peer is gone (or the sink broke); the reader reports it
        }
    }

    /// <summary>The mailbox is drained: say why if the connection was cut, then end the sending side.</summary>
    protected override async ValueTask OnStoppedAsync()
    {
        try
        {
            var last = _abortReason is { } why ? why.EncodeFor(_format) : [];
            await _sink.FinishAsync(last, _abort.Token).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            LogUnlessGone(e);       // gone, or past the close deadline without reading: nothing to say
        }
    }

    private void LogUnlessGone(Exception e)
    {
        if (!IsGone(e))
        {
            Log.SendFailed(Logger, Id, e);
        }
    }

    /// <summary>The errors that mean the peer or the connection is gone, not a bug.</summary>
    public static bool IsGone(Exception e) =>
        e is IOException or System.Net.Sockets.SocketException or OperationCanceledException or ObjectDisposedException;
}
