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

    /// <summary>Lossy mode: how long without any answer before saying that the server does not answer.</summary>
    public TimeSpan UdpSilenceWarning { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Ring the terminal bell on a mention or a private message.</summary>
    public bool Bell { get; init; } = true;

    /// <summary>Where typed lines are kept across runs; null keeps them for this run only.</summary>
    public string? HistoryFile { get; init; }

    /// <summary>Connect over TLS, trusting the system's certificate authorities or <see cref="Fingerprint"/>.</summary>
    public bool Tls { get; init; }

    /// <summary>The SHA-256 of the server's certificate (hex, colons allowed): trusted instead of the system's authorities.</summary>
    public string? Fingerprint { get; init; }

    /// <summary>A file holding the password that <c>/identify</c> sends, so it is never typed or kept in shell history.</summary>
    public string? PasswordFile { get; init; }
}
