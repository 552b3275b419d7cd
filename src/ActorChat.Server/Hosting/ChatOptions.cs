using System.Net;
using Microsoft.Extensions.Options;

namespace ActorChat.Server.Hosting;

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

    /// <summary>TCP keepalive: a silent peer is probed after this long, then every interval; after the probes it is gone.</summary>
    public int KeepAliveIdleSeconds { get; set; } = 60;
    public int KeepAliveIntervalSeconds { get; set; } = 10;
    public int KeepAliveProbes { get; set; } = 6;

    /// <summary>Extension: how many rooms one user may be in at once.</summary>
    public int MaxRoomsPerUser { get; set; } = 100;

    public IPAddress BindAddress => IPAddress.Parse(Bind);
}

/// <summary>Refuses to start on settings that make no sense, naming each one.</summary>
internal sealed class ChatOptionsValidator : IValidateOptions<ChatOptions>
{
    public ValidateOptionsResult Validate(string? name, ChatOptions o)
    {
        var problems = new List<string>();
        void Require(bool ok, string problem)
        {
            if (!ok)
            {
                problems.Add(problem);
            }
        }
        Require(o.Port is >= 0 and <= 65535, "Port must be 0-65535");
        Require(o.UdpPort is >= -1 and <= 65535, "UdpPort must be -1 (off) or 0-65535");
        Require(IPAddress.TryParse(o.Bind, out _), "Bind must be an IP address");
        Require(o.MaxLineBytes >= 16, "MaxLineBytes must be at least 16");
        Require(o.SendQueueLines >= 1, "SendQueueLines must be at least 1");
        Require(o.SendQueueBytes >= o.MaxLineBytes * 2, "SendQueueBytes must hold at least two lines of MaxLineBytes");
        Require(o.FloodLinesPerSecond >= 0, "FloodLinesPerSecond must be 0 (off) or more");
        Require(o.FloodBurst >= 1, "FloodBurst must be at least 1");
        Require(o.RegistrationTimeoutSeconds >= 1, "RegistrationTimeoutSeconds must be at least 1");
        Require(o.HistoryLines >= 0 && o.HistoryOnJoin >= 0, "HistoryLines and HistoryOnJoin must be 0 or more");
        Require(o.RoomNoticeLimit >= 0, "RoomNoticeLimit must be 0 or more");
        Require(o.MaxConnections >= 1, "MaxConnections must be at least 1");
        Require(o.MaxConnectionsPerAddress >= 0 && o.MaxNewConnectionsPerAddressPerMinute >= 0, "per-address limits must be 0 (off) or more");
        Require(o.UdpTtlSeconds >= 1 && o.UdpMaxListeners >= 0, "UdpTtlSeconds must be at least 1, UdpMaxListeners 0 or more");
        Require(o.UdpMaxDatagramBytes is >= 64 and <= 65507, "UdpMaxDatagramBytes must be 64-65507");
        Require(o.UdpBroadcastTo.Length == 0 || IPEndPoint.TryParse(o.UdpBroadcastTo, out _), "UdpBroadcastTo must be empty or ADDRESS:PORT");
        Require(o.MaxRoomsPerUser >= 1, "MaxRoomsPerUser must be at least 1");
        Require(o.KeepAliveIdleSeconds >= 1 && o.KeepAliveIntervalSeconds >= 1 && o.KeepAliveProbes >= 1, "KeepAlive settings must be at least 1");
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
