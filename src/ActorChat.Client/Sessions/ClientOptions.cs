namespace ActorChat.Client.Sessions;

/// <summary>What the command line asked for.</summary>
internal sealed record ClientOptions(
    string Host = "localhost",
    int Port = 9999,
    string? Nick = null,
    bool Json = false,
    bool Color = true,
    bool Reconnect = true,
    string? UdpRoom = null,
    int? UdpPort = null)
{
    /// <summary>The first wait before reconnecting; it doubles up to <see cref="MaxReconnectDelay"/>.</summary>
    public TimeSpan ReconnectDelay { get; init; } = TimeSpan.FromSeconds(1);

    public static readonly TimeSpan MaxReconnectDelay = TimeSpan.FromSeconds(30);
}
