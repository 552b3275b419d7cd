using ActorChat.Core.Chat.Events;

namespace ActorChat.Core.Protocols;

/// <summary>
/// A line a front end words itself (help, a mode switch, a usage error): information or an error.
/// The broker never makes one; it only passes it back in order (<c>Relay</c>).
/// </summary>
internal sealed class Notice(string text, bool isError) : ChatEvent
{
    public string Text { get; } = text;

    public bool IsError { get; } = isError;

    public static Notice Info(string text) => new(text, isError: false);

    public static Notice Error(string text) => new(text, isError: true);
}
