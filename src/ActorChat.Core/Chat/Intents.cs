namespace ActorChat.Core.Chat;

/// <summary>
/// What a client wants of the chat, whatever protocol it speaks. Front ends parse their own syntax
/// into these; the broker handles them in one order and answers with typed events, never text.
/// </summary>
internal abstract record Intent;

/// <summary>
/// Take <paramref name="Nick"/> as the first nick; with <paramref name="EnterLobby"/> (the line
/// protocol's welcome) also join #lobby, otherwise join nothing.
/// </summary>
internal sealed record Register(string Nick, bool EnterLobby = true) : Intent;

internal sealed record ChangeNick(string Nick) : Intent;

/// <summary>
/// Join (creating it if need be) and make it the current room; already in it: just make it current.
/// <paramref name="ListMembers"/>: the joiner is also sent the members (up to <see cref="Who.MaxPages"/> pages) before the history.
/// </summary>
internal sealed record Join(string Room, bool ListMembers = false) : Intent;

/// <summary>Leave every room.</summary>
internal sealed record PartAll(string Reason) : Intent;

/// <summary>
/// Leave <paramref name="Room"/> (null: the current room). When <paramref name="ReasonIfNotARoom"/> is
/// set, <paramref name="Room"/> is only a guess (a first word without '#'): if the member is not in such
/// a room, it leaves the current one with that reason instead.
/// </summary>
internal sealed record Part(string? Room, string Reason, string? ReasonIfNotARoom = null) : Intent;

/// <summary>Say <paramref name="Text"/> in <paramref name="Room"/> (null: the current room).</summary>
internal sealed record Say(string? Room, string Text) : Intent;

/// <summary>An action ("/me waves") in <paramref name="Room"/> (null: the current room).</summary>
internal sealed record Act(string? Room, string Text) : Intent;

internal sealed record SendPrivate(string Nick, string Text) : Intent;

/// <summary>Members of <paramref name="Room"/> (null: the current room), <paramref name="Pages"/> pages from <paramref name="Page"/>, a reply each.</summary>
internal sealed record Who(string? Room, int Page = 1, int Pages = 1) : Intent
{
    /// <summary>The most pages one request is answered with, so one answer stays within a send queue.</summary>
    public const int MaxPages = 10;
}

/// <summary>The rooms, <paramref name="Pages"/> pages (at most <see cref="Who.MaxPages"/>) from <paramref name="Page"/>, a reply each.</summary>
internal sealed record ListRooms(int Page = 1, int Pages = 1) : Intent;

/// <summary>
/// The last <paramref name="Count"/> messages of <paramref name="Room"/> (null: the current room), or the
/// last <paramref name="Count"/> before id <paramref name="BeforeId"/> (older pages).
/// </summary>
internal sealed record History(string? Room, int Count, long? BeforeId = null) : Intent
{
    /// <summary>The most one page may ask for.</summary>
    public const int MaxCount = 500;
}

/// <summary>How many users and rooms there are now.</summary>
internal sealed record CountUsers : Intent;

/// <summary>Which of <paramref name="Nicks"/> are connected.</summary>
internal sealed record LookUp(IReadOnlyList<string> Nicks) : Intent;

/// <summary>Whether the client's own messages, actions and private messages come back to it.</summary>
internal sealed record EchoOwn(bool On) : Intent;

internal sealed record Ping(string Token) : Intent;

internal sealed record Quit(string Reason) : Intent;
