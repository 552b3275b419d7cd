using ActorChat.Core.Protocols;
using ActorChat.Core.Protocols.Line;

namespace ActorChat.Core.Chat;

/// <summary>
/// What a connection knows of the broker: where to post what its client did. This is the seam where
/// a broker that shares rooms between nodes through RabbitMQ can replace the in-process one.
/// </summary>
internal interface IChatBroker
{
    /// <summary>Waits while the broker's mailbox is full: backpressure reaches the client's socket.</summary>
    ValueTask PostAsync(BrokerMessage message, CancellationToken cancellationToken = default);
}

internal abstract record BrokerMessage(IChatClient Client);

/// <summary>A new connection: it gets the welcome and the nick prompt.</summary>
internal sealed record Connected(IChatClient Client) : BrokerMessage(Client);

/// <summary>A line the client sent, parsed.</summary>
internal sealed record Input(IChatClient Client, Command Command) : BrokerMessage(Client);

/// <summary>
/// An answer the connection made itself (a telnet refusal, a line-too-long error), queued behind the
/// client's earlier commands so that every answer comes in the order of what was sent.
/// </summary>
internal sealed record Answer(IChatClient Client, Outgoing Item) : BrokerMessage(Client);

/// <summary>The connection is gone; its rooms see it leave with <paramref name="Reason"/>.</summary>
internal sealed record Disconnected(IChatClient Client, string Reason) : BrokerMessage(Client);

/// <summary>The registration time is up; the broker closes the client if it still has no nick.</summary>
internal sealed record RegistrationExpired(IChatClient Client) : BrokerMessage(Client);

/// <summary>Receives every live room event (never history): the UDP mirror, or nothing.</summary>
internal interface IRoomMirror
{
    void Publish(RoomEvent roomEvent);
}
