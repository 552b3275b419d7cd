namespace ActorChat.Core.Protocols.Irc;

/// <summary>What the registration burst says about the server (issue 12: <c>Chat:ServerName</c>).</summary>
internal sealed record IrcServerInfo(string ServerName, string Network, string Version, DateTimeOffset Created);

/// <summary>The LUSERS counts (251-255, 265, 266); one server, so local and global are the same.</summary>
internal sealed record IrcUserCounts(int Users, int Operators, int Unregistered, int Channels, int MaxUsers);
