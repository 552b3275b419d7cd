using System.Threading.Channels;

namespace ActorChat.Core.Chat.Accounts;

/// <summary>
/// Where password hashing runs: a few workers off the broker's pump (half the cores, at least one),
/// so a crowd logging in at once costs the chat at most those cores, never the broker's thread.
/// The queue holds one check per connection at most (a connection's next one waits for its verdict),
/// so its bound is the connection limit.
/// </summary>
internal sealed class PasswordWorkers
{
    private readonly Channel<Func<Task>> _jobs;

    public PasswordWorkers(int capacity)
    {
        _jobs = Channel.CreateBounded<Func<Task>>(new BoundedChannelOptions(Math.Max(1, capacity)) { SingleWriter = true });
        for (var i = 0; i < Math.Max(1, Environment.ProcessorCount / 2); i++)
        {
            _ = Task.Run(RunAsync);
        }
    }

    /// <summary>False only past the bound (more checks than connections): the caller answers at once.</summary>
    public bool TryQueue(Func<Task> job) => _jobs.Writer.TryWrite(job);

    /// <summary>The workers end once what is queued is done.</summary>
    public void Stop() => _jobs.Writer.TryComplete();

    private async Task RunAsync()
    {
        await foreach (var job in _jobs.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            await job().ConfigureAwait(false);     // a job reports its own failures
        }
    }
}
