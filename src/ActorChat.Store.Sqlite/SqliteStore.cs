using ActorChat.Core;
using ActorChat.Core.Actors;
using ActorChat.Core.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace ActorChat.Store.Sqlite;

/// <summary>
/// The store actor: owns the one writing connection. Each turn of the pump takes up to
/// <see cref="BatchSize"/> commands and writes them in one transaction (WAL, synchronous=NORMAL: a
/// commit survives a crash of the process), so a batch is written as soon as the previous one is done,
/// well within 50 ms while there is work. A kill -9 loses what was posted and not yet committed: the
/// batch in hand and the mailbox, normally the last few milliseconds. The mailbox is bounded
/// (<see cref="MailboxCapacity"/>): when the disk cannot keep up, posting waits and nothing is dropped. A history query ends its batch, is answered after the
/// writes before it, on this actor's thread. A write that fails for want of space (or any I/O error)
/// keeps its batch and is retried, logged once a minute with the count of unsaved events, while the
/// mailbox fills and then holds the senders back.
/// </summary>
internal sealed class SqliteStore : Actor<StoreCommand>, IChatStore, IModerationStore, IAsyncDisposable
{
    /// <summary>Moderation changes waiting to be written: rare (rate-limited), never waited for; past this they are dropped and logged.</summary>
    public const int MaxPendingChanges = 10_000;

    public const int MailboxCapacity = 16384;
    public const int BatchSize = 1024;
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan FailureLogInterval = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan PruneInterval = TimeSpan.FromMinutes(1);

    private readonly StoreFile _file;
    private readonly BatchWriter _writer;
    private readonly Pruner _pruner;
    private readonly TimeProvider _time;
    private readonly List<StoredMessage> _messages = [];
    private readonly List<StoredRoom> _rooms = [];
    private readonly Lock _changesLock = new();
    private readonly List<ModerationChange> _changes = [];       // filled by any thread, taken by the pump
    private readonly List<ModerationChange> _writingChanges = [];
    private readonly CancellationTokenSource _stopping = new();
    private readonly CancellationTokenSource _giveUp = new();
    private CancellationTokenRegistration _giveUpWhen;
    private ReadHistory? _query;
    private Prune? _prune;
    private long _queued;
    private int _draining;
    private int _writeFailures;
    private DateTimeOffset? _lastFailureLog;
    private Task _pruneTimer = Task.CompletedTask;

    private SqliteStore(StoreFile file, ChatOptions options, ILogger logger, TimeProvider time)
        : base(logger, MailboxCapacity, BatchSize)
    {
        _file = file;
        _time = time;
        _writer = new BatchWriter(file.Connection);
        _pruner = new Pruner(file.Connection, options.HistoryRetentionDays, options.HistoryMaxRowsPerRoom, time);
    }

    public string Path => _file.Path;

    /// <summary>Opens (creating or migrating) the configured database and starts the actor; throws <see cref="StoreUnavailableException"/>.</summary>
    public static SqliteStore Open(ChatOptions options, ILogger<SqliteStore> logger, TimeProvider? time = null)
    {
        var path = options.DatabasePath ?? throw new ArgumentException("no database is configured (Chat:Database is empty)", nameof(options));
        var store = new SqliteStore(StoreFile.Open(path), options, logger, time ?? TimeProvider.System);
        Log.Opened(logger, path, Schema.Version);
        store.Start();
        if (store._pruner.Enabled)
        {
            store._pruneTimer = store.PrunePeriodicallyAsync();
        }
        return store;
    }

    /// <summary>Events posted and not yet written.</summary>
    public long Unsaved => Interlocked.Read(ref _queued) + _messages.Count + _rooms.Count;

    /// <summary>Failed attempts to write a batch since the start (tests watch the retries).</summary>
    internal int WriteFailures => Volatile.Read(ref _writeFailures);

    public IReadOnlyList<StoredRoom> Load(int historyLines)
    {
        using var reader = StoreFile.OpenReader(Path);
        try
        {
            return HistoryReader.Rooms(reader, historyLines);
        }
        catch (SqliteException e)
        {
            throw StoreFile.Unavailable(Path, e);
        }
    }

    /// <summary>Accounts, server bans and claimed rooms, read once at start.</summary>
    public ModerationRecords Load()
    {
        using var reader = StoreFile.OpenReader(Path);
        try
        {
            return ModerationReader.Load(reader);
        }
        catch (SqliteException e)
        {
            throw StoreFile.Unavailable(Path, e);
        }
    }

    /// <summary>Queues a moderation change on a lane of its own and wakes the pump; never waits.</summary>
    public void Save(ModerationChange change)
    {
        lock (_changesLock)
        {
            if (_changes.Count >= MaxPendingChanges)
            {
                Log.ChangeDropped(Logger, Path, change.GetType().Name);
                return;
            }
            _changes.Add(change);
        }
        Mailbox.TryWrite(WriteChanges.Instance);     // a full mailbox will run a batch anyway
    }

    public ValueTask SaveAsync(StoredMessage message, CancellationToken cancellationToken = default) =>
        PostSaveAsync(new SaveMessage(message), cancellationToken);

    public ValueTask SaveRoomAsync(StoredRoom room, CancellationToken cancellationToken = default) =>
        PostSaveAsync(new SaveRoom(room), cancellationToken);

    public ValueTask QueryAsync(HistoryQuery query, Action<HistoryPage> answer, CancellationToken cancellationToken = default) =>
        Mailbox.WriteAsync(new ReadHistory(query, answer), cancellationToken);

    /// <summary>
    /// Stops taking events, writes what is queued and closes the file; a second call waits for the first.
    /// Once <paramref name="giveUp"/> fires, a failing write is no longer retried (shutdown has a deadline).
    /// </summary>
    public Task DrainAsync(CancellationToken giveUp = default)
    {
        if (Interlocked.Exchange(ref _draining, 1) != 0)
        {
            return Completion;
        }
        _giveUpWhen = giveUp.Register(static s => ((CancellationTokenSource)s!).Cancel(), _giveUp);
        return DrainOnceAsync();
    }

    private async Task DrainOnceAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _pruneTimer.ConfigureAwait(false);
        Stop();
        await Completion.ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync() => await DrainAsync().ConfigureAwait(false);

    /// <summary>Prunes until nothing is left to prune (tests; the server prunes once a minute).</summary>
    internal async Task PruneNowAsync()
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await Mailbox.WriteAsync(new Prune(done)).ConfigureAwait(false);
        await done.Task.ConfigureAwait(false);
    }

    protected override void Receive(StoreCommand message)
    {
        switch (message)
        {
            case SaveMessage save:
                Interlocked.Decrement(ref _queued);
                _messages.Add(save.Message);
                break;
            case SaveRoom save:
                Interlocked.Decrement(ref _queued);
                _rooms.Add(save.Room);
                break;
            case ReadHistory query:
                _query = query;
                break;
            case Prune prune:
                _prune = prune;
                break;
            case WriteChanges:
                break;      // the batch that follows writes them
        }
    }

    /// <summary>A query sees exactly what was posted before it.</summary>
    protected override bool BatchIsFull => _query is not null;

    protected override async ValueTask AfterBatchAsync()
    {
        await WritePendingAsync().ConfigureAwait(false);
        if (_query is { } query)
        {
            _query = null;
            Answer(query);
        }
        if (_prune is { } prune)
        {
            _prune = null;
            PruneStep(prune);
        }
    }

    protected override async ValueTask OnStoppedAsync()
    {
        await WritePendingAsync().ConfigureAwait(false);
        _writer.Dispose();
        _file.Dispose();
        _stopping.Dispose();
        await _giveUpWhen.DisposeAsync().ConfigureAwait(false);
        _giveUp.Dispose();
        Log.Closed(Logger, Path);
    }

    private ValueTask PostSaveAsync(StoreCommand command, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _queued);
        return Mailbox.TryWrite(command) ? default : WaitToPostAsync(command, cancellationToken);
    }

    private async ValueTask WaitToPostAsync(StoreCommand command, CancellationToken cancellationToken)
    {
        try
        {
            await Mailbox.WriteAsync(command, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            Interlocked.Decrement(ref _queued);
            throw;
        }
    }

    private async ValueTask WritePendingAsync()
    {
        lock (_changesLock)
        {
            if (_changes.Count > 0)
            {
                _writingChanges.AddRange(_changes);
                _changes.Clear();
            }
        }
        while (_messages.Count + _rooms.Count + _writingChanges.Count > 0)
        {
            try
            {
                if (_writingChanges.Count > 0)
                {
                    ModerationWriter.Write(_file.Connection, _writingChanges, _time.GetUtcNow().UtcDateTime);
                    _writingChanges.Clear();
                }
                _writer.Write(_rooms, _messages);
                if (_lastFailureLog is not null)
                {
                    Log.WriteRecovered(Logger, Path, _messages.Count + _rooms.Count);
                    _lastFailureLog = null;
                }
                _messages.Clear();
                _rooms.Clear();
            }
            catch (SqliteException e) when (IsTransient(e) && _giveUp.IsCancellationRequested)
            {
                Log.BatchLost(Logger, Path, _messages.Count + _rooms.Count, e);
                _messages.Clear();
                _rooms.Clear();
            }
            catch (SqliteException e) when (IsTransient(e))
            {
                Interlocked.Increment(ref _writeFailures);
                var now = _time.GetUtcNow();
                if (_lastFailureLog is not { } last || now - last >= FailureLogInterval)
                {
                    Log.WriteFailing(Logger, Path, e.Message, Unsaved);
                    _lastFailureLog = now;
                }
                await Task.Delay(RetryDelay, _time, _giveUp.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
            catch (Exception e)
            {
                // Not a matter of time (the file broke under us): retrying would stop the chat for good.
                Log.BatchLost(Logger, Path, _messages.Count + _rooms.Count + _writingChanges.Count, e);
                _messages.Clear();
                _rooms.Clear();
                _writingChanges.Clear();
            }
        }
    }

    private static bool IsTransient(SqliteException e) => e.SqliteErrorCode is
        SQLitePCL.raw.SQLITE_FULL or SQLitePCL.raw.SQLITE_IOERR or SQLitePCL.raw.SQLITE_BUSY
        or SQLitePCL.raw.SQLITE_LOCKED or SQLitePCL.raw.SQLITE_CANTOPEN or SQLitePCL.raw.SQLITE_READONLY;

    private void Answer(ReadHistory read)
    {
        IReadOnlyList<StoredMessage> messages;
        try
        {
            messages = HistoryReader.Page(_file.Connection, read.Query.Room, read.Query.Count, read.Query.BeforeId);
        }
        catch (SqliteException e)
        {
            Log.QueryFailed(Logger, Path, read.Query.Room, e);
            messages = [];
        }
        try
        {
            read.Answer(new HistoryPage(read.Query, messages));
        }
        catch (Exception e)
        {
            // The caller's callback: its fault must not stop the store.
            Log.QueryFailed(Logger, Path, read.Query.Room, e);
        }
    }

    private void PruneStep(Prune prune)
    {
        bool more;
        try
        {
            more = _pruner.Step();
        }
        catch (Exception e)
        {
            Log.PruneFailed(Logger, Path, e);
            more = false;
        }
        // The next step queues behind what came meanwhile; a full mailbox leaves it to the next tick.
        if (!more || !Mailbox.TryWrite(prune))
        {
            prune.Done?.TrySetResult();
        }
    }

    private async Task PrunePeriodicallyAsync()
    {
        using var timer = new PeriodicTimer(PruneInterval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(_stopping.Token).ConfigureAwait(false))
            {
                Mailbox.TryWrite(new Prune(null));
            }
        }
        catch (OperationCanceledException)
        {
            // Draining.
        }
    }
}
