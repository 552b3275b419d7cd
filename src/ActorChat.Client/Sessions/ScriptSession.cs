using ActorChat.Client.Protocol;
using ActorChat.Core.Protocols.Json;

namespace ActorChat.Client.Sessions;

/// <summary>
/// Script mode (standard input is not a terminal): every input line is sent as typed; what the
/// server sends goes to standard output as the protocol's text lines (or raw NDJSON with --json).
/// At the end of input it waits for the server to have handled everything (a /ping barrier, at most
/// a few seconds), then quits cleanly.
/// </summary>
internal sealed class ScriptSession(ClientOptions options, TextReader input, TextWriter output, TextWriter errors) : IChatView
{
    private static readonly TimeSpan DrainLimit = TimeSpan.FromSeconds(5);
    private readonly string _barrier = "eof-" + Guid.NewGuid().ToString("N");
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        await using var session = new ChatSession(options with { Reconnect = false }, this);
        var started = await SessionStarter.StartAsync(session, options, errors, cancellationToken);
        if (started != 0)
        {
            return started;
        }
        var reading = session.RunAsync(cancellationToken);
        while (await input.ReadLineAsync(cancellationToken) is { } line)
        {
            if (reading.IsCompleted)
            {
                await errors.WriteLineAsync("actorchat: the server closed the connection");
                return ExitCodes.ConnectionLost;
            }
            await session.SendAsync(line);
        }
        await session.SendAsync($"/ping {_barrier}");
        await Task.WhenAny(_drained.Task, reading, Task.Delay(DrainLimit, cancellationToken));
        await session.SendAsync("/quit");
        await Task.WhenAny(reading, Task.Delay(DrainLimit, cancellationToken));
        await output.FlushAsync(cancellationToken);
        return ExitCodes.Ok;
    }

    public void Show(ServerEvent e)
    {
        if (e.Type == JsonType.Pong && e.Token == _barrier)
        {
            _drained.TrySetResult();
            return;
        }
        if (e.Type == "text")
        {
            return;      // the greeting that comes before JSON mode
        }
        lock (output)
        {
            output.WriteLine(options.Json ? e.Raw : EventFormatter.Plain(e));
        }
    }

    public void Status(string text)
    {
        lock (errors)
        {
            errors.WriteLine("actorchat: " + text);
        }
    }
}
