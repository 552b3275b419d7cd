using ActorChat.Core.Protocols;
using ActorChat.Core.Protocols.Line;

namespace ActorChat.Core.Chat;

/// <summary>
/// What the broker knows of a connected client: its outbox. The broker never awaits a client; a
/// client whose send queue is full answers false and is cut by the broker.
/// </summary>
internal interface IChatClient
{
    /// <summary>Where the client connects from, for logs.</summary>
    string Remote { get; }

    /// <summary>Queues an item; false when the client's send queue is full. A closing client takes and drops it.</summary>
    bool TryDeliver(Outgoing item, bool history = false);

    /// <summary>Sends what is queued and then <paramref name="last"/>, then closes.</summary>
    void Close(Outgoing? last = null);

    /// <summary>Closes now, dropping what is queued, with <paramref name="reason"/> as a last error line if it can still be sent.</summary>
    void Abort(string reason);
}
