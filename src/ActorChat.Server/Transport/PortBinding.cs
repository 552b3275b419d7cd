using System.Net.Sockets;
using ActorChat.Server.Hosting;

namespace ActorChat.Server.Transport;

internal static class PortBinding
{
    /// <summary>Binds one port; a port that cannot be bound stops the start with one line naming it.</summary>
    public static T Bind<T>(Func<T> bind, int port, string protocol)
    {
        try
        {
            return bind();
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            throw new StartupException($"port {port}/{protocol} is in use", e);
        }
        catch (SocketException e)
        {
            throw new StartupException($"port {port}/{protocol} cannot be bound: {e.Message}", e);
        }
    }
}
