using System.Net;
using ActorChat.Core;
using ActorChat.Core.Chat;
using Microsoft.Extensions.Options;

namespace ActorChat.Server.Hosting;

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
        Require(o.IrcPort is >= -1 and <= 65535, "IrcPort must be -1 (off) or 0-65535");
        Require(o.IrcTlsPort is >= -1 and <= 65535, "IrcTlsPort must be -1 (off) or 0-65535");
        Require(o.IrcPingSeconds >= 1, "IrcPingSeconds must be at least 1");
        Require(o.ServerName.Length == 0 || (o.ServerName.Contains('.') || o.ServerName.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.')) && o.ServerName.All(c => c > ' ' && c != ':' && c < 127),
            "ServerName must be empty or a host name");
        Require(o.Network.Length > 0 && o.Network.All(c => c > ' ' && c < 127), "Network must be a word without spaces");
        Require(o.TlsPort is >= -1 and <= 65535, "TlsPort must be -1 (off) or 0-65535");
        Require(o.TlsPort <= 0 || o.TlsPort != o.Port, "TlsPort must differ from Port");
        Require(o.TlsHandshakeTimeoutSeconds >= 1, "TlsHandshakeTimeoutSeconds must be at least 1");
        if (Transport.Listeners.Secure(o))
        {
            Require(o.TlsCertificate.Length > 0 || o.TlsKey.Length == 0, "TlsKey needs TlsCertificate");
            Require(o.TlsCertificate.Length == 0 || File.Exists(o.TlsCertificate), "TlsCertificate must name an existing file");
            Require(o.TlsKey.Length == 0 || File.Exists(o.TlsKey), "TlsKey must name an existing file");
        }
        Require(IPAddress.TryParse(o.Bind, out _), $"Bind must be an IP address or a host name that resolves, not '{o.Bind}'");
        Require(o.HttpPort is >= -1 and <= 65535 && o.HttpsPort is >= -1 and <= 65535, "HttpPort and HttpsPort must be -1 (off) or 0-65535");
        Require(Web.OriginPolicy.TryParse(o.AllowedOrigins, out _), "AllowedOrigins must be empty, * or a comma-separated list of scheme://host[:port]");
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
        Require(o.MaxRooms >= 1, "MaxRooms must be at least 1");
        Require(o.HistoryBudgetBytes >= 0, "HistoryBudgetBytes must be 0 or more");
        Require(o.UdpRooms.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).All(r => Names.TryParseRoom(r, out _)),
            "UdpRooms must be empty or a comma-separated list of room names");
        // The history replayed on join must fit in a send queue with room to spare, or every join would cut the joiner.
        // (Two lines come before the history: the greeting and the welcome; a JSON line may be 3x its text.)
        Require(o.HistoryOnJoin + 2 < o.SendQueueLines && (long)o.HistoryOnJoin * 3 * o.MaxLineBytes <= o.SendQueueBytes,
            "HistoryOnJoin + 2 must be less than SendQueueLines, and HistoryOnJoin x 3 x MaxLineBytes at most SendQueueBytes");
        Require(o.HistoryRetentionDays >= 0, "HistoryRetentionDays must be 0 (keep forever) or more");
        Require(o.HistoryMaxRowsPerRoom == 0 || o.HistoryMaxRowsPerRoom >= o.HistoryLines, "HistoryMaxRowsPerRoom must be 0 (no cap) or at least HistoryLines");
        Require(o.DataDirectory.Length > 0 || o.DatabasePath is null, "DataDirectory must not be empty while Database is set");
        Require(o.KeepAliveIdleSeconds >= 1 && o.KeepAliveIntervalSeconds >= 1 && o.KeepAliveProbes >= 1, "KeepAlive settings must be at least 1");
        Require(o.PasswordIterations >= 100_000, "PasswordIterations must be at least 100000");
        Require(o.FailedLoginsPerMinute >= 0 && o.RegistrationsPerAddressPerHour >= 0, "FailedLoginsPerMinute and RegistrationsPerAddressPerHour must be 0 (off) or more");
        Require(o.MaxAccounts >= 0, "MaxAccounts must be 0 or more");
        Require(o.Operators.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).All(Names.IsValidNick),
            "Operators must be empty or a comma-separated list of account names");
        Require(o.MotdFile.Length == 0 || File.Exists(o.MotdFile), "MotdFile must be empty or name a file that exists");
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
