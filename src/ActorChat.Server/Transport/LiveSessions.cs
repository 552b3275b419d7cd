using System.Collections.Concurrent;
using ActorChat.Core.Chat.Events;
using ActorChat.Core.Sessions;

namespace ActorChat.Server.Transport;

/// <summary>The connections a listener is serving, and how they are all closed on shutdown.</summary>
internal sealed class LiveSessions
{
    /// <summary>After the last line is sent, how long peers have to close their side before they are closed for them.</summary>
    private static readonly TimeSpan PeerCloseGrace = TimeSpan.FromMilliseconds(250);

    private readonly ConcurrentDictionary<ClientSession, Task> _running = new();

    public int Count => _running.Count;

    /// <summary>Registers a connection before it runs (Kestrel's and Garnet's order), so one that ends at once leaves no entry behind.</summary>
    public TaskCompletionSource Add(ClientSession session)
    {
        var done = new TaskCompletionSource();
        _running[session] = done.Task;
        return done;
    }

    public void Remove(ClientSession session, TaskCompletionSource done)
    {
        _running.TryRemove(session, out _);
        done.SetResult();
    }

    /// <summary>
    /// Tells every client, waits until every queued line is sent (at most <paramref name="drain"/>, or
    /// until <paramref name="cancellationToken"/> says time is up), gives the peers a moment to close
    /// their side, then closes the rest.
    /// </summary>
    public async Task CloseAllAsync(TimeSpan drain, CancellationToken cancellationToken)
    {
        foreach (var session in _running.Keys)
        {
            session.Close(new Info(InfoKind.ServerShuttingDown));
        }
        var sent = Task.WhenAll(_running.Keys.Select(s => s.Completion));
        await sent.WaitAsync(drain, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        var all = Task.WhenAll(_running.Values);
        await all.WaitAsync(PeerCloseGrace, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (!all.IsCompleted)
        {
            foreach (var session in _running.Keys)
            {
                session.Kill();
            }
            await all.WaitAsync(PeerCloseGrace, CancellationToken.None).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }
}
