using ActorChat.Core.Chat.Events;

namespace ActorChat.Core.Chat;

/// <summary>
/// What the broker knows of a connected client: its id and its outbox. The broker never awaits a
/// client; a client whose send queue is full answers false and is cut by the broker.
/// </summary>
internal interface IChatClient
{
    /// <summary>Given at accept, unique in the process; every log line about the connection names it.</summary>
    long Id { get; }

    /// <summary>Where the client connects from ("ip:port"), for logs, bans and limits.</summary>
    string Remote { get; }

    /// <summary>Whether the connection is encrypted (TLS), as /whois shows it.</summary>
    bool Secure => false;

    /// <summary>Queues an event; false when the client's send queue is full. A closing client takes and drops it.</summary>
    bool TryDeliver(ChatEvent item, bool history = false);

    /// <summary>Sends what is queued and then <paramref name="last"/>, then closes.</summary>
    void Close(ChatEvent? last = null);

    /// <summary>Closes now, dropping what is queued, with <paramref name="why"/> as a last line if it can still be sent.</summary>
    void Abort(SessionError why);
}
