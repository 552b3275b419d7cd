using System.Text;
using ActorChat.Core.Protocols.Irc;

namespace ActorChat.Core.Tests.Protocols.Irc;

public class SaslPlainExchangeTests
{
    private readonly SaslPlainExchange _sasl = new();

    private SaslStep Send(string parameter) => _sasl.Receive(new IrcMessage("AUTHENTICATE", parameter));

    private static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    [Fact]
    public void Plain_in_one_chunk_gives_the_credentials()
    {
        Assert.Equal(SaslOutcome.Continue, Send("PLAIN").Outcome);
        Assert.True(_sasl.InProgress);
        var step = Send(Base64("\0alice\0sésame"));
        Assert.Equal(SaslOutcome.Credentials, step.Outcome);
        Assert.Equal(new SaslCredentials("", "alice", "sésame"), step.Credentials);
        Assert.False(_sasl.InProgress);
    }

    [Fact]
    public void A_payload_of_exactly_400_bytes_is_ended_by_a_plus()
    {
        var password = new string('p', 300 - 12);
        var payload = Base64("alice\0alice\0" + password);
        Assert.Equal(400, payload.Length);
        Send("plain");
        Assert.Equal(SaslOutcome.AwaitMore, Send(payload).Outcome);
        var step = Send("+");
        Assert.Equal(SaslOutcome.Credentials, step.Outcome);
        Assert.Equal(new SaslCredentials("alice", "alice", password), step.Credentials);
    }

    [Fact]
    public void A_payload_over_several_chunks_is_joined()
    {
        var password = new string('q', 500);
        var payload = Base64("\0bob\0" + password);
        Send("PLAIN");
        Assert.Equal(SaslOutcome.AwaitMore, Send(payload[..400]).Outcome);
        var step = Send(payload[400..]);
        Assert.Equal(password, step.Credentials!.Password);
    }

    [Theory]
    [InlineData("not base64!")]
    [InlineData("+")]
    public void Malformed_payloads_fail_and_the_client_may_retry(string payload)
    {
        Send("PLAIN");
        Assert.Equal(SaslOutcome.Malformed, Send(payload).Outcome);
        Assert.Equal(SaslOutcome.Continue, Send("PLAIN").Outcome);
    }

    [Theory]
    [InlineData("alice\0secret")]
    [InlineData("\0\0secret")]
    [InlineData("a\0b\0c\0d")]
    public void Payloads_that_are_not_three_fields_with_an_authcid_are_malformed(string text)
    {
        Assert.Null(SaslPlainExchange.Decode(Base64(text)));
    }

    [Fact]
    public void Invalid_utf8_in_the_payload_is_malformed()
    {
        Assert.Null(SaslPlainExchange.Decode(Convert.ToBase64String([0, (byte)'a', 0, 0xFF])));
    }

    [Fact]
    public void Other_mechanisms_are_refused_with_the_list()
    {
        Assert.Equal(SaslOutcome.UnknownMechanism, Send("EXTERNAL").Outcome);
        var replies = SaslPlainExchange.Replies(SaslOutcome.UnknownMechanism, "irc.example", "*").Select(m => m.ToString());
        Assert.Equal([":irc.example 908 * PLAIN :are available SASL mechanisms", ":irc.example 904 * :SASL authentication failed"], replies);
    }

    [Fact]
    public void Star_aborts()
    {
        Send("PLAIN");
        Assert.Equal(SaslOutcome.Aborted, Send("*").Outcome);
        Assert.False(_sasl.InProgress);
    }

    [Fact]
    public void A_chunk_over_400_bytes_or_a_payload_over_the_bound_is_too_long()
    {
        Send("PLAIN");
        Assert.Equal(SaslOutcome.TooLong, Send(new string('A', 401)).Outcome);
        Send("PLAIN");
        for (var i = 0; i < SaslPlainExchange.MaxPayloadBytes / 400; i++)
        {
            Assert.Equal(SaslOutcome.AwaitMore, Send(new string('A', 400)).Outcome);
        }
        Assert.Equal(SaslOutcome.TooLong, Send("AAAA").Outcome);
    }

    [Fact]
    public void After_success_another_attempt_is_already_authenticated()
    {
        Send("PLAIN");
        Send(Base64("\0alice\0pw"));
        _sasl.Succeeded();
        Assert.Equal(SaslOutcome.AlreadyAuthenticated, Send("PLAIN").Outcome);
    }

    [Fact]
    public void Replies_for_each_outcome()
    {
        static string One(SaslOutcome o) => Assert.Single(SaslPlainExchange.Replies(o, "irc.example", "alice")).ToString();
        Assert.Equal("AUTHENTICATE +", One(SaslOutcome.Continue));
        Assert.Equal(":irc.example 906 alice :SASL authentication aborted", One(SaslOutcome.Aborted));
        Assert.Equal(":irc.example 905 alice :SASL message too long", One(SaslOutcome.TooLong));
        Assert.Equal(":irc.example 907 alice :You have already authenticated using SASL", One(SaslOutcome.AlreadyAuthenticated));
        Assert.Equal(":irc.example 904 alice :SASL authentication failed", One(SaslOutcome.Malformed));
        Assert.Equal(":irc.example 461 alice AUTHENTICATE :Not enough parameters", One(SaslOutcome.MissingParameter));
        Assert.Equal(
            [":irc.example 900 alice alice!alice@127.0.0.1 alice :You are now logged in as alice", ":irc.example 903 alice :SASL authentication successful"],
            SaslPlainExchange.LoggedIn("irc.example", "alice", "alice!alice@127.0.0.1", "alice").Select(m => m.ToString()));
    }

    [Fact]
    public void A_400_byte_chunk_then_a_short_one_ends_the_payload()
    {
        var payload = Base64("\0carol\0" + new string('z', 400));
        Assert.True(payload.Length is > 400 and < 800);
        Send("PLAIN");
        Assert.Equal(SaslOutcome.AwaitMore, Send(payload[..400]).Outcome);
        Assert.True(_sasl.InProgress);
        var step = Send(payload[400..]);
        Assert.Equal(SaslOutcome.Credentials, step.Outcome);
        Assert.Equal(new SaslCredentials("", "carol", new string('z', 400)), step.Credentials);
    }

    [Fact]
    public void Star_between_chunks_drops_what_came_and_a_new_exchange_starts_clean()
    {
        var payload = Base64("\0dave\0" + new string('w', 400));
        Send("PLAIN");
        Send(payload[..400]);
        Assert.Equal(SaslOutcome.Aborted, Send("*").Outcome);
        Send("PLAIN");
        var step = Send(Base64("\0dave\0pw-dave"));
        Assert.Equal(new SaslCredentials("", "dave", "pw-dave"), step.Credentials);
    }

    [Fact]
    public void A_plus_before_any_mechanism_is_no_mechanism()
    {
        Assert.Equal(SaslOutcome.UnknownMechanism, Send("+").Outcome);
        Assert.False(_sasl.InProgress);
    }

    [Fact]
    public void The_password_is_not_in_the_credentials_text()
    {
        Assert.DoesNotContain("hunter2", new SaslCredentials("", "alice", "hunter2").ToString(), StringComparison.Ordinal);
    }
}
