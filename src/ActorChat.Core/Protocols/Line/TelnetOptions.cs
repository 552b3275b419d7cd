namespace ActorChat.Core.Protocols.Line;

/// <summary>
/// The telnet option state of one connection. BINARY (RFC 856) is accepted in either direction and
/// offered once for the peer's direction, because a telnet in its default (NVT) mode strips the high
/// bit of typed bytes before matching its control characters, so UTF-8 turns into interrupts and
/// escapes; every other option is refused. A request for the state already in force is never
/// answered (RFC 854, RFC 1143), so two peers cannot loop. Pure: it returns the bytes to send.
/// </summary>
internal sealed class TelnetOptions
{
    public const byte Iac = 255, Dont = 254, Do = 253, Wont = 252, Will = 251, Binary = 0;

    private enum Peer { No, Asked, Yes }

    private Peer _peerBinary;     // the peer sends binary: its WILL, our DO
    private bool _ownBinary;      // we send binary: its DO, our WILL (our text is the same bytes either way)
    private bool _offered;

    /// <summary>
    /// The first time it is called, asks the peer to send binary (IAC DO BINARY) unless it already
    /// does; later calls, and a peer that refused, get nothing, so the offer is made at most once.
    /// </summary>
    public byte[]? OfferBinary()
    {
        if (_offered)
        {
            return null;
        }
        _offered = true;
        if (_peerBinary != Peer.No)
        {
            return null;
        }
        _peerBinary = Peer.Asked;
        return [Iac, Do, Binary];
    }

    /// <summary>The peer's IAC <paramref name="verb"/> <paramref name="option"/>; returns the answer, if one is due.</summary>
    public byte[]? Receive(byte verb, byte option)
    {
        if (option != Binary)
        {
            return verb switch { Do => [Iac, Wont, option], Will => [Iac, Dont, option], _ => null };
        }
        switch (verb)
        {
            case Will:
                var answer = _peerBinary == Peer.No;        // the reply to our offer needs none
                _peerBinary = Peer.Yes;
                return answer ? [Iac, Do, Binary] : null;
            case Wont:
                var wasOn = _peerBinary == Peer.Yes;
                _peerBinary = Peer.No;
                return wasOn ? [Iac, Dont, Binary] : null;
            case Do when !_ownBinary:
                _ownBinary = true;
                return [Iac, Will, Binary];
            case Dont when _ownBinary:
                _ownBinary = false;
                return [Iac, Wont, Binary];
            default:
                return null;
        }
    }
}
