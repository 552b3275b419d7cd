namespace ActorChat.Core.Chat;

/// <summary>The rules for nicks and room names (PROTOCOL.md), compared without regard to case.</summary>
internal static class Names
{
    public const int MaxNick = 24;
    public const int MaxRoom = 32;

    public static readonly StringComparer Comparer = StringComparer.OrdinalIgnoreCase;

    /// <summary>1-24 ASCII letters, digits, '_' or '-', not starting with a digit or '-'.</summary>
    public static bool IsValidNick(string nick) =>
        nick.Length is > 0 and <= MaxNick && IsName(nick) && !char.IsAsciiDigit(nick[0]) && nick[0] != '-';

    /// <summary>Parses "#dev" or "dev" into "dev"; false when it is no valid room name.</summary>
    public static bool TryParseRoom(string text, out string room)
    {
        room = text.StartsWith('#') ? text[1..] : text;
        return room.Length is > 0 and <= MaxRoom && IsName(room) && !char.IsAsciiDigit(room[0]) && room[0] != '-';
    }

    private static bool IsName(string s)
    {
        foreach (var c in s)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('_' or '-'))
            {
                return false;
            }
        }
        return true;
    }
}
