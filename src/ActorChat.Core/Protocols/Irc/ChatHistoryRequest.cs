namespace ActorChat.Core.Protocols.Irc;

/// <summary>
/// One parsed <c>CHATHISTORY</c> request. <see cref="From"/> is the first reference (null for
/// <c>LATEST *</c>), <see cref="To"/> the second (BETWEEN, TARGETS); <see cref="Target"/> is the
/// channel or nick as sent (empty for TARGETS); <see cref="Limit"/> is already capped.
/// </summary>
internal sealed record ChatHistoryRequest(ChatHistoryKind Kind, string Target, DateTimeOffset? From, DateTimeOffset? To, int Limit);
