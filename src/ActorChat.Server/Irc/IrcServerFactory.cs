using System.Net;
using ActorChat.Core;
using ActorChat.Core.Protocols.Irc;
using ActorChat.Server.Hosting;

namespace ActorChat.Server.Irc;

/// <summary>The IRC server's identity from the settings: <c>ServerName</c> (default: the host name) and <c>Network</c>.</summary>
internal static class IrcServerFactory
{
    /// <summary>TOPICLEN: what a topic may hold.</summary>
    private const int TopicLength = 300;

    public static IrcServer Create(ChatOptions options, TimeProvider clock)
    {
        var name = options.ServerName.Length > 0 ? options.ServerName : HostName();
        var info = new IrcServerInfo(name, options.Network, $"ActorChat-{CommandLine.Version.Split('+')[0]}", clock.GetUtcNow());
        return new IrcServer(info, TopicLength, TimeSpan.FromSeconds(options.IrcPingSeconds), IrcCapabilities.All);
    }

    private static string HostName()
    {
        var host = Dns.GetHostName();
        return host.Length > 0 && host.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.') ? host : "actorchat";
    }
}
