using System.Buffers.Text;
using System.Text;
using System.Text.Unicode;

namespace ActorChat.Core.Protocols.Irc;

/// <summary>
/// The server side of SASL PLAIN over <c>AUTHENTICATE</c> (IRCv3 sasl-3.1): the mechanism, then
/// the base64 payload in chunks of 400 bytes, a chunk shorter than 400 (or <c>+</c> for an empty
/// one) ending it. Pure: it returns the credentials; checking them is the caller's job. After a
/// failure the client may start again; after <see cref="Succeeded"/> it may not.
/// </summary>
internal sealed class SaslPlainExchange
{
    public const string Mechanism = "PLAIN";
    public const int ChunkBytes = 400;
    /// <summary>Base64 of a 24-byte nick twice and a generous password, with room to spare.</summary>
    public const int MaxPayloadBytes = 4 * ChunkBytes;

    private readonly StringBuilder _payload = new();
    private bool _mechanismChosen;
    private bool _authenticated;

    /// <summary>True between <c>AUTHENTICATE PLAIN</c> and the end of the exchange.</summary>
    public bool InProgress => _mechanismChosen;

    public SaslStep Receive(IrcMessage authenticate)
    {
        var parameter = authenticate.Param(0);
        if (parameter is null or "")
        {
            return new SaslStep(SaslOutcome.MissingParameter);
        }
        if (parameter == "*")
        {
            return End(SaslOutcome.Aborted);
        }
        if (_authenticated)
        {
            return new SaslStep(SaslOutcome.AlreadyAuthenticated);
        }
        if (!_mechanismChosen)
        {
            _mechanismChosen = parameter.Equals(Mechanism, StringComparison.OrdinalIgnoreCase);
            return new SaslStep(_mechanismChosen ? SaslOutcome.Continue : SaslOutcome.UnknownMechanism);
        }
        if (parameter.Length > ChunkBytes || _payload.Length + parameter.Length > MaxPayloadBytes)
        {
            return End(SaslOutcome.TooLong);
        }
        if (parameter != "+")
        {
            _payload.Append(parameter);
        }
        if (parameter.Length == ChunkBytes)
        {
            return new SaslStep(SaslOutcome.AwaitMore);
        }
        var credentials = Decode(_payload.ToString());
        Reset();
        return credentials is null ? new SaslStep(SaslOutcome.Malformed) : new SaslStep(SaslOutcome.Credentials, credentials);
    }

    /// <summary>The caller verified the credentials: later attempts get 907.</summary>
    public void Succeeded() => _authenticated = true;

    /// <summary>Registration completed mid-exchange: the spec says abort it (906).</summary>
    public SaslStep Abort() => End(SaslOutcome.Aborted);

    private SaslStep End(SaslOutcome outcome)
    {
        Reset();
        return new SaslStep(outcome);
    }

    private void Reset()
    {
        _mechanismChosen = false;
        _payload.Clear();
    }

    /// <summary><c>authzid NUL authcid NUL password</c> in UTF-8 under base64; null when it is not.</summary>
    public static SaslCredentials? Decode(string base64)
    {
        var bytes = new byte[Base64.GetMaxDecodedFromUtf8Length(base64.Length)];
        if (!Convert.TryFromBase64String(base64, bytes, out var length))
        {
            return null;
        }
        if (!Utf8.IsValid(bytes.AsSpan(0, length)))
        {
            return null;
        }
        var parts = Encoding.UTF8.GetString(bytes, 0, length).Split('\0');
        return parts.Length == 3 && parts[1].Length > 0 ? new SaslCredentials(parts[0], parts[1], parts[2]) : null;
    }

    /// <summary>
    /// What to send for an outcome other than <see cref="SaslOutcome.Credentials"/> (see
    /// <see cref="LoggedIn"/> and <see cref="Failed"/> for that one).
    /// </summary>
    public static IReadOnlyList<IrcMessage> Replies(SaslOutcome outcome, string server, string target) => outcome switch
    {
        SaslOutcome.Continue => [new IrcMessage("AUTHENTICATE", "+")],
        SaslOutcome.Aborted => [IrcNumerics.Reply(server, IrcNumerics.ErrSaslAborted, target)],
        SaslOutcome.UnknownMechanism =>
            [IrcNumerics.Reply(server, IrcNumerics.RplSaslMechs, target, Mechanism), IrcNumerics.Reply(server, IrcNumerics.ErrSaslFail, target)],
        SaslOutcome.Malformed => Failed(server, target),
        SaslOutcome.TooLong => [IrcNumerics.Reply(server, IrcNumerics.ErrSaslTooLong, target)],
        SaslOutcome.AlreadyAuthenticated => [IrcNumerics.Reply(server, IrcNumerics.ErrSaslAlready, target)],
        SaslOutcome.MissingParameter => [IrcNumerics.Reply(server, IrcNumerics.ErrNeedMoreParams, target, "AUTHENTICATE")],
        _ => [],
    };

    /// <summary>900 and 903, once the caller accepted the credentials.</summary>
    public static IReadOnlyList<IrcMessage> LoggedIn(string server, string target, string mask, string account) =>
    [
        IrcNumerics.Reply(server, IrcNumerics.RplLoggedIn, target, mask, account, $"You are now logged in as {account}"),
        IrcNumerics.Reply(server, IrcNumerics.RplSaslSuccess, target),
    ];

    /// <summary>904, for wrong credentials or a malformed payload.</summary>
    public static IReadOnlyList<IrcMessage> Failed(string server, string target) =>
        [IrcNumerics.Reply(server, IrcNumerics.ErrSaslFail, target)];
}
