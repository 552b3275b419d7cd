namespace ActorChat.Server.Tests.Support;

/// <summary>
/// Tests that load the whole machine (thousands of sockets, a server process near its file limit, the
/// soak) run in this collection: after the others, one at a time, so they neither disturb nor are
/// disturbed by the rest.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class Serial
{
    public const string Name = "serial";
}
