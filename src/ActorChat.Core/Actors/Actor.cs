using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace ActorChat.Core.Actors;

/// <summary>
/// The one actor shape of ActorChat: a bounded <see cref="Channel{T}"/> mailbox drained by a single
/// pump task. The pump takes a batch of messages per turn (as Akka.NET and Proto.Actor do) and then
/// calls <see cref="AfterBatchAsync"/> once, which is where a connection makes one socket send out of
/// many lines. Failure policy: a message whose handler throws is logged and skipped; the actor lives on.
/// Stopping completes the mailbox, so what is already queued is still handled.
/// </summary>
internal abstract class Actor<T>
{
    private readonly Channel<T> _mailbox;
    private readonly int _batchSize;
    private Task _pump = Task.CompletedTask;

    protected Actor(ILogger logger, int capacity, int batchSize, BoundedChannelFullMode fullMode = BoundedChannelFullMode.Wait)
    {
        Logger = logger;
        _batchSize = batchSize;
        // No synchronous continuations: a writer must never end up running the pump (dotnet/runtime#33858).
        _mailbox = Channel.CreateBounded<T>(
            new BoundedChannelOptions(capacity) { SingleReader = true, FullMode = fullMode, AllowSynchronousContinuations = false },
            fullMode == BoundedChannelFullMode.Wait ? null : OnDropped);
    }

    protected ILogger Logger { get; }

    /// <summary>Ends when the mailbox is completed and drained and <see cref="OnStoppedAsync"/> has run.</summary>
    public Task Completion => _pump;

    protected ChannelWriter<T> Mailbox => _mailbox.Writer;

    /// <summary>Messages waiting in the mailbox now (for metrics).</summary>
    public int Queued => _mailbox.Reader.Count;

    public void Start() => _pump = Task.Run(PumpAsync);

    /// <summary>Accepts no more messages; the pump handles what is queued and ends.</summary>
    public void Stop() => _mailbox.Writer.TryComplete();

    /// <summary>Handles one message on the pump.</summary>
    protected abstract void Receive(T message);

    /// <summary>A lossy mailbox's only sign of a drop: called with the message that was dropped.</summary>
    protected virtual void OnDropped(T message)
    {
    }

    /// <summary>Called once after each batch, on the pump.</summary>
    protected virtual ValueTask AfterBatchAsync() => default;

    /// <summary>Lets a subclass end a batch early (a connection, when its send buffer is full enough).</summary>
    protected virtual bool BatchIsFull => false;

    /// <summary>Called once on the pump when the mailbox is completed and drained.</summary>
    protected virtual ValueTask OnStoppedAsync() => default;

    private async Task PumpAsync()
    {
        var reader = _mailbox.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            for (var n = 0; n < _batchSize && !BatchIsFull && reader.TryRead(out var message); n++)
            {
                try
                {
                    Receive(message);
                }
                catch (Exception e)
                {
                    Log.MessageFailed(Logger, GetType().Name, e);
                }
            }
            await AfterBatchAsync().ConfigureAwait(false);
        }
        await OnStoppedAsync().ConfigureAwait(false);
    }
}
