using ActorChat.Core.Chat.Events;

namespace ActorChat.Core.Chat;

/// <summary>Receives every live room event (never history): the UDP mirror, or nothing. Must never block the broker.</summary>
internal interface IRoomMirror
{
    void Publish(RoomEvent roomEvent);
}
