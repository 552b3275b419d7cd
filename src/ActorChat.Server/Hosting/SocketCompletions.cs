namespace ActorChat.Server.Hosting;

/// <summary>
/// Where socket completions run. .NET runs the continuation of each socket read and send on the
/// thread pool, one hop after its epoll thread saw it; with <c>DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1</c>
/// it runs it on the epoll thread itself (nothing on ActorChat's socket paths blocks: they only await).
/// That saves a hop per read and per send (about a fifth of the server's CPU in fanout-many), but
/// the runtime has one epoll thread per ~30 cores, so on a large machine it would funnel every socket
/// through one thread. So: inline on up to <see cref="MaxCoresForInline"/> cores, unless the operator
/// set the variable either way. It must be chosen before the first socket is made.
/// </summary>
internal static class SocketCompletions
{
    public const string Variable = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";
    public const int MaxCoresForInline = 4;

    /// <summary>Sets the variable for this process (to the operator's choice when there is one).</summary>
    public static void Choose() =>
        Environment.SetEnvironmentVariable(Variable, Inline(Environment.GetEnvironmentVariable(Variable), Environment.ProcessorCount) ? "1" : "0");

    /// <summary>True when this process's socket completions run inline (after <see cref="Choose"/>).</summary>
    public static bool AreInline => Environment.GetEnvironmentVariable(Variable) == "1";

    /// <summary>The operator's setting when there is one, else inline on a small machine (cores as this process may use).</summary>
    public static bool Inline(string? setting, int cores) => setting is { Length: > 0 } ? setting == "1" : cores <= MaxCoresForInline;
}
