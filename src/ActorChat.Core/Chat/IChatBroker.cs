using ActorChat.Core.Chat.Events;
using ActorChat.Core.Storage;

namespace ActorChat.Core.Chat;

/// <summary>
/// What a connection knows of the broker: where to post what its client did. This is the seam where
/// a broker that shares rooms between nodes can replace the in-process one.
/// </summary>
internal interface IChatBroker
{
    /// <summary>Waits while the broker's mailbox is full: backpressure reaches the client's socket.</summary>
    ValueTask PostAsync(BrokerMessage message, CancellationToken cancellationToken = default);
}

internal abstract record BrokerMessage(IChatClient Client);

/// <summary>A new connection: it is greeted, and waits for a nick.</summary>
internal sealed record Connected(IChatClient Client) : BrokerMessage(Client);

/// <summary>Something the client wants.</summary>
internal sealed record Request(IChatClient Client, Intent Intent) : BrokerMessage(Client);

/// <summary>
/// Events a front end made itself (help, a mode switch, a telnet reply, a line-too-long error),
/// queued behind the client's earlier requests so that every answer comes in the order of what was sent.
/// </summary>
internal sealed record Relay(IChatClient Client, params ChatEvent[] Items) : BrokerMessage(Client);

/// <summary>A page of history the store has read for the client; its later requests wait for it.</summary>
internal sealed record HistoryArrived(IChatClient Client, HistoryPage Page) : BrokerMessage(Client);

/// <summary>The connection is gone; its rooms see it leave with <paramref name="Reason"/>.</summary>
internal sealed record Disconnected(IChatClient Client, string Reason) : BrokerMessage(Client);

/// <summary>The registration time is up; the broker closes the client if it still has no nick.</summary>
internal sealed record RegistrationExpired(IChatClient Client) : BrokerMessage(Client);

/// <summary>
/// A password check done off the pump, back with its outcome. <paramref name="Expected"/> is the account
/// record the check started from (null for a registration): if it changed meanwhile, the outcome is moot.
/// </summary>
internal sealed record PasswordChecked(IChatClient Client, Intent Intent, string Account, StoredAccount? Expected, PasswordOutcome Outcome)
    : BrokerMessage(Client);

/// <summary>Whether the password matched, and the account's new record when the check made one (a new or raised hash).</summary>
internal sealed record PasswordOutcome(bool Matches, StoredAccount? Record);
