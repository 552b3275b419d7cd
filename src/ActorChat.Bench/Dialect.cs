using System.Buffers.Text;
using System.Text;

namespace ActorChat.Bench;

/// <summary>
/// What differs between the servers the generator drives with the same workloads: how a client
/// registers and joins a room, how a message goes out, and where a delivered message's text is.
/// Every request ends with a ping whose answer holds <see cref="Ready"/>, so setup waits for it.
/// </summary>
internal abstract class Dialect
{
    public const string Ready = "ready";

    public static Dialect For(string server) => server switch
    {
        "actorchat" => new ActorChatDialect(),
        "redis" => new RedisDialect(),
        "irc" => new IrcDialect(),
        _ => throw new ArgumentException($"unknown server '{server}' (actorchat, redis or irc)"),
    };

    /// <summary>What registers a client before it joins, answered by a line holding <see cref="Registered"/>; empty: joining registers.</summary>
    public virtual string Register(string nick) => "";

    public virtual string Registered => Ready;

    /// <summary>Registers the client when the dialect asks for a step of its own.</summary>
    public async Task RegisterAsync(IChatConnection client, string nick)
    {
        if (Register(nick) is { Length: > 0 } lines)
        {
            await client.RequestAsync(lines, Registered);
        }
    }

    /// <summary>A fanout member: its own messages come back to it (they free its window).</summary>
    public abstract string JoinWithEcho(string nick, string room);

    /// <summary>An idle member: registered and in its room.</summary>
    public abstract string Join(string nick, string room);

    /// <summary>What a freshly connected client sends so that the server answers (empty: the server speaks first).</summary>
    public abstract string Hello { get; }

    /// <summary>Writes one message with <paramref name="text"/> to <paramref name="room"/>; returns its length.</summary>
    public abstract int Frame(Span<byte> destination, string room, ReadOnlySpan<byte> text);

    /// <summary>The text of a delivered message, from its line (it may run on past the text); empty when the line is something else.</summary>
    public abstract ReadOnlySpan<byte> MessageText(ReadOnlySpan<byte> line);

    /// <summary>ActorChat's line protocol, JSON mode for the fanout (its own messages come back).</summary>
    private sealed class ActorChatDialect : Dialect
    {
        public override string JoinWithEcho(string nick, string room) => $"/json\n{nick}\n/join {room}\n/part #lobby\n/ping {Ready}\n";

        public override string Join(string nick, string room) => $"{nick}\n/join {room}\n/part #lobby\n/ping {Ready}\n";

        public override string Hello => "";

        public override int Frame(Span<byte> destination, string room, ReadOnlySpan<byte> text)
        {
            text.CopyTo(destination);
            destination[text.Length] = (byte)'\n';
            return text.Length + 1;
        }

        public override ReadOnlySpan<byte> MessageText(ReadOnlySpan<byte> line)
        {
            var t = line.StartsWith("{\"type\":\"message\""u8) ? line.IndexOf("\"text\":\""u8) : -1;
            return t < 0 ? [] : line[(t + 8)..];
        }
    }

    /// <summary>
    /// Redis pub/sub over RESP3 (<c>HELLO 3</c>), so one connection both subscribes and publishes, as
    /// one ActorChat connection does; a subscriber gets its own messages back, like JSON mode. A
    /// message arrives as a push whose lines are split on '\n'; its text is the one line that starts
    /// with a digit (type, channel and lengths never do).
    /// </summary>
    private sealed class RedisDialect : Dialect
    {
        public override string JoinWithEcho(string nick, string room) => $"HELLO 3\r\nSUBSCRIBE {room}\r\nPING {Ready}\r\n";

        public override string Join(string nick, string room) => $"SUBSCRIBE {room}\r\nPING {Ready}\r\n";

        public override string Hello => "PING\r\n";

        public override int Frame(Span<byte> destination, string room, ReadOnlySpan<byte> text)
        {
            var n = Write(destination, "*3\r\n$7\r\nPUBLISH\r\n$"u8);
            n += Number(destination[n..], room.Length);
            n += Encoding.ASCII.GetBytes(room, destination[n..]);
            n += Write(destination[n..], "\r\n$"u8);
            n += Number(destination[n..], text.Length);
            n += Write(destination[n..], text);
            n += Write(destination[n..], "\r\n"u8);
            return n;
        }

        public override ReadOnlySpan<byte> MessageText(ReadOnlySpan<byte> line) =>
            line.Length > 0 && char.IsAsciiDigit((char)line[0]) ? line : [];

        private static int Write(Span<byte> destination, ReadOnlySpan<byte> bytes)
        {
            bytes.CopyTo(destination);
            return bytes.Length;
        }

        /// <summary>A number and the line end after it.</summary>
        private static int Number(Span<byte> destination, int value)
        {
            Utf8Formatter.TryFormat(value, destination, out var n);
            return n + Write(destination[n..], "\r\n"u8);
        }
    }

    /// <summary>
    /// IRC, for any IRC server (ActorChat's IRC port, InspIRCd): <c>echo-message</c> brings a client's
    /// own messages back. Registration is a step of its own: a server may still be completing it
    /// (InspIRCd) when a JOIN right behind it arrives.
    /// </summary>
    private sealed class IrcDialect : Dialect
    {
        public override string Register(string nick) => $"CAP LS 302\r\nCAP REQ :echo-message\r\nNICK {nick}\r\nUSER {nick} 0 * :bench\r\nCAP END\r\n";

        public override string Registered => " 001 ";

        public override string JoinWithEcho(string nick, string room) => Join(nick, room);

        public override string Join(string nick, string room) => $"JOIN #{room}\r\nPING :{Ready}\r\n";

        public override string Hello => "PING :hello\r\n";

        public override int Frame(Span<byte> destination, string room, ReadOnlySpan<byte> text)
        {
            var n = Encoding.ASCII.GetBytes($"PRIVMSG #{room} :", destination);
            text.CopyTo(destination[n..]);
            n += text.Length;
            "\r\n"u8.CopyTo(destination[n..]);
            return n + 2;
        }

        /// <summary>The text of <c>[@tags ]:source PRIVMSG #room :text</c>.</summary>
        public override ReadOnlySpan<byte> MessageText(ReadOnlySpan<byte> line)
        {
            var command = line.IndexOf(" PRIVMSG #"u8);
            if (command < 0)
            {
                return [];
            }
            var rest = line[(command + 10)..];
            var text = rest.IndexOf(" :"u8);
            return text < 0 ? [] : rest[(text + 2)..];
        }
    }
}
