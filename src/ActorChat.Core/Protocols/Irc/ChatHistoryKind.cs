namespace ActorChat.Core.Protocols.Irc;

/// <summary>The subcommands of <c>CHATHISTORY</c> (IRCv3 draft/chathistory).</summary>
internal enum ChatHistoryKind { Before, After, Latest, Around, Between, Targets }
