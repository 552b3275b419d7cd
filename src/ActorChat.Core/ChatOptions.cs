using System.Net;

namespace ActorChat.Core;

/// <summary>The <c>Chat</c> section of the settings; names and defaults as in PROTOCOL.md.</summary>
public sealed class ChatOptions
{
    public const string Section = "Chat";

    public int Port { get; set; } = 9999;
    public int UdpPort { get; set; } = 9999;
    public string Bind { get; set; } = "0.0.0.0";
    public int MaxLineBytes { get; set; } = 4096;
    public int SendQueueLines { get; set; } = 1024;
    public int SendQueueBytes { get; set; } = 1024 * 1024;
    public double FloodLinesPerSecond { get; set; } = 20;
    public int FloodBurst { get; set; } = 60;
    public int RegistrationTimeoutSeconds { get; set; } = 60;
    public int HistoryLines { get; set; } = 100;
    public int HistoryOnJoin { get; set; } = 20;
    public int RoomNoticeLimit { get; set; } = 500;
    public int MaxConnections { get; set; } = 50000;
    public int MaxConnectionsPerAddress { get; set; } = 100;
    public int MaxNewConnectionsPerAddressPerMinute { get; set; } = 60;
    public int UdpTtlSeconds { get; set; } = 60;
    public int UdpMaxListeners { get; set; } = 10000;
    public int UdpMaxDatagramBytes { get; set; } = 1200;
    public string UdpBroadcastTo { get; set; } = "";

    /// <summary>Extension: the web client, WebSocket, /metrics and /healthz over HTTP; -1 = off, 0 = a free port.</summary>
    public int HttpPort { get; set; } = 8080;

    /// <summary>Extension: the same over HTTPS with the server's TLS certificate; -1 = off.</summary>
    public int HttpsPort { get; set; } = -1;

    /// <summary>Extension: origins (<c>scheme://host[:port]</c>, comma-separated, or <c>*</c>) whose pages may open /ws; empty = the server's own.</summary>
    public string AllowedOrigins { get; set; } = "";

    /// <summary>TCP keepalive: a silent peer is probed after this long, then every interval; after the probes it is gone.</summary>
    public int KeepAliveIdleSeconds { get; set; } = 60;
    public int KeepAliveIntervalSeconds { get; set; } = 10;
    public int KeepAliveProbes { get; set; } = 6;

    /// <summary>Extension: how many rooms one user may be in at once.</summary>
    public int MaxRoomsPerUser { get; set; } = 100;

    /// <summary>Extension: rooms on the server at once, #lobby included.</summary>
    public int MaxRooms { get; set; } = 10000;

    /// <summary>Extension: the UTF-8 bytes of message text kept as history over all rooms.</summary>
    public long HistoryBudgetBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>Where the server keeps what it keeps (the database, the generated TLS certificate); relative to the working directory.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>The database file, inside <see cref="DataDirectory"/> or absolute; empty = keep nothing on disk.</summary>
    public string Database { get; set; } = "actorchat.db";

    /// <summary>Stored messages older than this many days are pruned; 0 keeps them forever.</summary>
    public int HistoryRetentionDays { get; set; }

    /// <summary>Only the newest this many stored messages of each room are kept; 0: no cap.</summary>
    public int HistoryMaxRowsPerRoom { get; set; }

    /// <summary>Extension: the rooms the UDP mirror serves, comma-separated; empty = every room.</summary>
    public string UdpRooms { get; set; } = "";

    /// <summary>The IRC port: 6667 by default, -1 off, 0 a free one.</summary>
    public int IrcPort { get; set; } = 6667;

    /// <summary>IRC inside TLS (the certificate of the TLS port): 6697 by default, -1 off, 0 a free one.</summary>
    public int IrcTlsPort { get; set; } = 6697;

    /// <summary>The IRC server name (prefix of server messages, 004, PONG, WHO, WHOIS); empty: the machine's host name.</summary>
    public string ServerName { get; set; } = "";

    /// <summary>The IRC network name (001, ISUPPORT NETWORK=).</summary>
    public string Network { get; set; } = "ActorChat";

    /// <summary>An IRC client silent this long is sent a PING; silent as long again, it is dropped.</summary>
    public int IrcPingSeconds { get; set; } = 120;
    /// <summary>The TLS port of the line protocol; -1 = off, 0 = any free port.</summary>
    public int TlsPort { get; set; } = 9998;

    /// <summary>A PEM certificate (with <see cref="TlsKey"/>, or its key in the same file) or a PFX; empty = a self-signed one kept in <see cref="DataDirectory"/>.</summary>
    public string TlsCertificate { get; set; } = "";

    /// <summary>The PEM private key of <see cref="TlsCertificate"/>.</summary>
    public string TlsKey { get; set; } = "";

    /// <summary>The password of a PFX, or of an encrypted PEM key. Never logged.</summary>
    public string TlsPassword { get; set; } = "";

    /// <summary>How long a TLS client has to finish its handshake.</summary>
    public int TlsHandshakeTimeoutSeconds { get; set; } = 10;

    /// <summary>Extension: server operators, a comma-separated list of accounts.</summary>
    public string Operators { get; set; } = "";

    /// <summary>Extension: a text file shown at login and on /motd (read at start); empty = none.</summary>
    public string MotdFile { get; set; } = "";

    /// <summary>Extension: PBKDF2-SHA256 iterations for new password hashes (at least 100,000); older hashes are raised at login.</summary>
    public int PasswordIterations { get; set; } = 100_000;

    /// <summary>Extension: failed logins allowed per account and per address in a minute; 0 = no limit.</summary>
    public int FailedLoginsPerMinute { get; set; } = 5;

    /// <summary>Extension: accounts that may be registered from one address in an hour; 0 = no limit.</summary>
    public int RegistrationsPerAddressPerHour { get; set; } = 5;

    /// <summary>Extension: accounts on the server.</summary>
    public int MaxAccounts { get; set; } = 100_000;

    public IPAddress BindAddress => IPAddress.Parse(Bind);

    /// <summary>The database's full path, or null when nothing is to be kept on disk.</summary>
    public string? DatabasePath =>
        string.IsNullOrWhiteSpace(Database) ? null : Path.GetFullPath(Path.Combine(DataDirectory, Database));
}
