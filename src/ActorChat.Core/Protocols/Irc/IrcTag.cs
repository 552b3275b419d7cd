namespace ActorChat.Core.Protocols.Irc;

/// <summary>
/// One IRCv3 message tag. A missing value and an empty value mean the same (message-tags spec),
/// so <see cref="Value"/> is never null. Keys starting with '+' are client-only tags.
/// </summary>
internal readonly record struct IrcTag(string Key, string Value = "")
{
    public bool IsClientOnly => Key.StartsWith('+');

    /// <summary>
    /// <c>['+'] [vendor '/'] name</c>: the name of letters, digits and '-', the vendor a host name
    /// (letters, digits, '-' and '.').
    /// </summary>
    public static bool IsValidKey(ReadOnlySpan<char> key)
    {
        if (key.StartsWith('+'))
        {
            key = key[1..];
        }
        var slash = key.IndexOf('/');
        if (slash >= 0 && !IsHostName(key[..slash]))
        {
            return false;
        }
        var name = key[(slash + 1)..];
        if (name.IsEmpty)
        {
            return false;
        }
        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '-')
            {
                return false;
            }
        }
        return true;
    }

    private static bool IsHostName(ReadOnlySpan<char> vendor)
    {
        if (vendor.IsEmpty)
        {
            return false;
        }
        foreach (var c in vendor)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('-' or '.'))
            {
                return false;
            }
        }
        return true;
    }
}
