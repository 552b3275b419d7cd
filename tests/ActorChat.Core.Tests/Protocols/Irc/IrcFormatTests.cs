using System.Text;
using ActorChat.Core.Chat;
using ActorChat.Core.Chat.Events;
using ActorChat.Core.Protocols.Irc;

namespace ActorChat.Core.Tests.Protocols.Irc;

public class IrcFormatTests
{
    private static readonly IrcServer Server = new(
        new IrcServerInfo("irc.example", "TestNet", "ActorChat-1.0", DateTimeOffset.UnixEpoch), 300, TimeSpan.FromMinutes(2), IrcCapabilities.WithoutSasl);

    private static string Text(byte[] bytes) => Encoding.UTF8.GetString(bytes);

    private static IrcFormat Connection(IrcVariant variant = IrcVariant.Plain, bool awayNotify = false, bool accountNotify = false)
    {
        var format = new IrcFormat(Server);
        format.Encode(new IrcCapsChanged(variant, userhostInNames: false, awayNotify, accountNotify), history: false);
        return format;
    }

    [Theory]
    [InlineData("hi", false)]
    [InlineData("a /me", true)]
    [InlineData("Привет, 世界 😀", false)]
    [InlineData("", false)]
    [InlineData(400, false)]     // near the 512-byte limit: one line for a message, two for an action
    [InlineData(470, false)]
    [InlineData(470, true)]
    [InlineData(2000, false)]
    public void A_said_line_is_the_same_bytes_as_the_general_path_makes_in_every_variant(object text, bool action)
    {
        var words = text as string ?? string.Join(' ', Enumerable.Repeat("word", (int)text / 5));
        for (var variant = IrcVariant.Plain; (int)variant < IrcEventFormat.Variants; variant++)
        {
            foreach (var history in new[] { false, true })
            {
                var said = action ? RoomEvent.Action("dev", "alice", words, 7, account: "alice") : RoomEvent.Message("dev", "alice", words, 7, account: "alice");
                var tags = new List<IrcTag>();
                if (variant.HasFlag(IrcVariant.AccountTag))
                {
                    tags.Add(new IrcTag("account", "alice"));
                }
                if (history && variant.HasFlag(IrcVariant.Batch))
                {
                    tags.Add(new IrcTag("batch", IrcEventFormat.HistoryBatch));
                }
                if (variant.HasFlag(IrcVariant.ServerTime))
                {
                    tags.Add(IrcText.ServerTimeTag(new DateTimeOffset(said.Time, TimeSpan.Zero)));
                }
                var expected = history && !variant.HasFlag(IrcVariant.ServerTime) && !variant.HasFlag(IrcVariant.Batch) ? []
                    : IrcWire.Bytes(IrcText.TextMessages("alice!alice@irc.example", "PRIVMSG", "#dev", words, action).Select(m => m with { Tags = tags }));

                Assert.Equal(Text(expected), Text(Server.Format(variant).Encode(said, history)));
            }
        }
    }

    [Fact]
    public void Account_tag_marks_an_identified_speaker_in_its_own_variant_and_no_one_else()
    {
        var said = RoomEvent.Message("dev", "alice", "hi", 1, account: "alice");
        var anonymous = RoomEvent.Message("dev", "carol", "hi", 2);
        Assert.Equal("@account=alice :alice!alice@irc.example PRIVMSG #dev :hi\r\n", Text(Connection(IrcVariant.AccountTag).Encode(said, false)));
        Assert.Same(Connection(IrcVariant.AccountTag).Encode(said, false), Connection(IrcVariant.AccountTag).Encode(said, false));
        Assert.Equal(":alice!alice@irc.example PRIVMSG #dev :hi\r\n", Text(Connection().Encode(said, false)));
        Assert.Equal(":carol!carol@irc.example PRIVMSG #dev :hi\r\n", Text(Connection(IrcVariant.AccountTag).Encode(anonymous, false)));
        Assert.Matches("^@account=alice;time=[^ ]+ :alice!alice@irc.example JOIN #dev\r\n$",
            Text(Connection(IrcVariant.AccountTag | IrcVariant.ServerTime).Encode(RoomEvent.Join("dev", "alice", "alice"), false)));
        Assert.Equal("@account=alice :alice!alice@irc.example KICK #dev bob :out\r\n",
            Text(Connection(IrcVariant.AccountTag).Encode(RoomEvent.Kick("dev", "bob", "alice", "out", "alice"), false)));
        Assert.Equal("@account=alice :alice!alice@irc.example PRIVMSG bob :psst\r\n",
            Text(Connection(IrcVariant.AccountTag).Encode(new PrivateMessage("alice", "bob", "psst", "alice"), false)));
    }

    [Fact]
    public void Away_and_account_changes_reach_only_connections_that_asked()
    {
        var away = new PresenceChange(PresenceKind.Away, "alice", null, "lunch");
        var back = new PresenceChange(PresenceKind.Away, "alice", null, null);
        var login = new PresenceChange(PresenceKind.Account, "alice", "alice", "alice");
        var logout = new PresenceChange(PresenceKind.Account, "alice", null, null);
        Assert.Empty(Connection().Encode(away, false));
        Assert.Empty(Connection(awayNotify: false, accountNotify: true).Encode(away, false));
        Assert.Empty(Connection(awayNotify: true).Encode(login, false));
        Assert.Equal(":alice!alice@irc.example AWAY :lunch\r\n", Text(Connection(awayNotify: true).Encode(away, false)));
        Assert.Equal(":alice!alice@irc.example AWAY\r\n", Text(Connection(awayNotify: true).Encode(back, false)));
        Assert.Equal(":alice!alice@irc.example ACCOUNT alice\r\n", Text(Connection(accountNotify: true).Encode(login, false)));
        Assert.Equal(":alice!alice@irc.example ACCOUNT *\r\n", Text(Connection(accountNotify: true).Encode(logout, false)));
    }

    [Fact]
    public void Modes_are_the_rooms_with_n_always_on_and_its_creation_time()
    {
        var format = Connection();
        format.Encode(new Welcome("alice", null, 0), false);
        Assert.Equal(
            ":irc.example 324 alice #dev +int\r\n:irc.example 329 alice #dev 86400\r\n",
            Text(format.Encode(new ModesReply("dev", "it", DateTime.UnixEpoch.AddDays(1)), false)));
        Assert.StartsWith(":irc.example 324 alice #dev +n\r\n", Text(format.Encode(new ModesReply("dev", "", DateTime.UnixEpoch), false)), StringComparison.Ordinal);
        Assert.Equal(":irc.example 403 alice #x :No such channel\r\n", Text(format.Encode(new Refused(new ShowModes("#x"), Problem.NoSuchRoom, "#x"), false)));
    }

    [Fact]
    public void A_room_event_is_encoded_once_per_variant_and_shared_by_every_connection()
    {
        var said = RoomEvent.Message("dev", "carol", "hello", 1);
        var a = Connection().Encode(said, history: false);
        var b = Connection().Encode(said, history: false);
        var timed = Connection(IrcVariant.ServerTime).Encode(said, history: false);

        Assert.Same(a, b);
        Assert.Equal(":carol!carol@irc.example PRIVMSG #dev :hello\r\n", Text(a));
        Assert.StartsWith("@time=", Text(timed), StringComparison.Ordinal);
        Assert.EndsWith(" :carol!carol@irc.example PRIVMSG #dev :hello\r\n", Text(timed), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, "")]
    [InlineData(1, "@time=")]
    [InlineData(2, "@batch=history :")]
    [InlineData(3, "@batch=history;time=")]
    public void History_is_sent_only_to_clients_that_can_tell_it_from_new_talk(int flags, string start)
    {
        var variant = (IrcVariant)flags;     // ServerTime 1, Batch 2
        var bytes = Connection(variant).Encode(RoomEvent.Message("dev", "carol", "old", 1), history: true);
        if (start.Length == 0)
        {
            Assert.Empty(bytes);
        }
        else
        {
            Assert.StartsWith(start, Text(bytes), StringComparison.Ordinal);
        }
        var mark = Connection(variant).Encode(new HistoryMark("dev", start: true), history: false);
        Assert.Equal(variant.HasFlag(IrcVariant.Batch) ? ":irc.example BATCH +history chathistory #dev\r\n" : "", Text(mark));
    }

    [Fact]
    public void A_long_action_becomes_several_action_lines_of_at_most_512_bytes()
    {
        var text = string.Join(' ', Enumerable.Repeat("wörd", 800));
        var lines = Text(Connection().Encode(RoomEvent.Action("dev", "carol", text, 1), history: false)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length > 5);
        Assert.All(lines, l =>
        {
            Assert.InRange(Encoding.UTF8.GetByteCount(l) + 2, 0, 512);
            Assert.StartsWith(":carol!carol@irc.example PRIVMSG #dev :\u0001ACTION ", l, StringComparison.Ordinal);
            Assert.EndsWith("\u0001", l, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Refusals_are_numerics_addressed_to_the_connections_nick_and_notices_are_never_refused()
    {
        var format = Connection();
        Assert.Equal(":irc.example 433 * bob :Nickname is already in use\r\n", Text(format.Encode(new Refused(new Register("bob"), Problem.NickTaken, "bob"), false)));
        format.Encode(new Welcome("alice", null, 0), false);
        Assert.Equal(":irc.example 401 alice bob :No such nick/channel\r\n", Text(format.Encode(new Refused(new SendPrivate("bob", "x"), Problem.NoSuchNick, "bob"), false)));
        var notice = new Say("#dev", "x");
        format.Quiet(notice);
        Assert.Empty(format.Encode(new Refused(notice, Problem.NotInRoom, "#dev"), false));
        Assert.Equal(":irc.example 404 alice #dev :Cannot send to channel\r\n", Text(format.Encode(new Refused(new Say("#dev", "x"), Problem.NotInRoom, "#dev"), false)));
    }

    [Fact]
    public void A_quit_or_nick_change_repeated_for_each_shared_room_is_said_once()
    {
        var format = Connection();
        format.Encode(new Welcome("alice", null, 0), false);
        Assert.Equal(":bob!bob@irc.example QUIT :gone\r\n", Text(format.Encode(RoomEvent.Quit("a", "bob", "gone"), false)));
        Assert.Empty(format.Encode(RoomEvent.Quit("b", "bob", "gone"), false));
        Assert.Equal(":alice!alice@irc.example NICK :alicia\r\n", Text(format.Encode(RoomEvent.NickChange("a", "alice", "alicia"), false)));
        Assert.Empty(format.Encode(RoomEvent.NickChange("b", "alice", "alicia"), false));
        Assert.Equal(":irc.example 401 alicia x :No such nick/channel\r\n", Text(format.Encode(new Refused(new SendPrivate("x", "y"), Problem.NoSuchNick, "x"), false)));
    }
}
