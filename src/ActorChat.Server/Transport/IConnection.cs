using ActorChat.Core.Sessions;

namespace ActorChat.Server.Transport;

/// <summary>One accepted connection of some protocol over some transport.</summary>
internal interface IConnection
{
    ClientSession Session { get; }

    /// <summary>Serves the connection until either side ends it; the socket is closed however that happens.</summary>
    Task RunAsync();
}
