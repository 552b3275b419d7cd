using System.Net.Sockets;
using System.Security.Authentication;

namespace ActorChat.Client.Sessions;

internal static class ExitCodes
{
    public const int Ok = 0;
    public const int ConnectionLost = 1;
    public const int BadArguments = 2;
    public const int CannotConnect = 3;
    public const int NickRefused = 4;
}

/// <summary>What every front end does to start a session and how a failure becomes an exit code.</summary>
internal static class SessionStarter
{
    public static async Task<int> StartAsync(ChatSession session, ClientOptions options, TextWriter errors, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(options.Nick))
        {
            await errors.WriteLineAsync("actorchat: a nick is needed (--nick NAME)");
            return ExitCodes.BadArguments;
        }
        try
        {
            return await session.StartAsync(cancellationToken) switch
            {
                StartResult.Registered => ExitCodes.Ok,
                StartResult.NickRefused => ExitCodes.NickRefused,
                StartResult.Refused => ExitCodes.CannotConnect,
                _ => ExitCodes.ConnectionLost,
            };
        }
        catch (Exception e) when (e is SocketException or IOException or AuthenticationException)
        {
            await errors.WriteLineAsync($"actorchat: cannot connect to {options.Host}:{options.Port}: {e.Message}");
            return ExitCodes.CannotConnect;
        }
    }
}
