using System.Buffers;
using System.Text;

namespace ActorChat.Core.Protocols.Line;

/// <summary>What the decoder found in the byte stream, in the order it was received.</summary>
internal enum InputKind
{
    /// <summary>A complete line, decoded and sanitised (it may be empty).</summary>
    Line,
    /// <summary>The current line passed the limit; the rest of it up to the next line end is skipped.</summary>
    LineTooLong,
    /// <summary>Telnet negotiation to send the peer, in <see cref="InputEvent.Reply"/>: an answer to its request, or the offer of BINARY.</summary>
    TelnetReply,
    /// <summary>Telnet "Are You There".</summary>
    AreYouThere,
}

internal readonly record struct InputEvent(InputKind Kind, string Text = "", byte[]? Reply = null);

/// <summary>
/// Turns the bytes of one TCP connection into lines: telnet commands removed (state kept across
/// reads), LF / CRLF / CR NUL line ends, backspace and telnet EC/EL applied, a hard limit on the
/// line length, invalid UTF-8 replaced and control characters stripped. Telnet options are
/// negotiated by <see cref="TelnetOptions"/>; BINARY is offered only once the peer has shown it
/// speaks telnet (an IAC, or a line ended by CR LF or CR NUL; nc ends lines with LF alone), so a
/// plain nc user never sees negotiation bytes. Pure: no sockets, no clock.
/// Memory is bounded by the line limit whatever the peer sends; the line buffer is rented only
/// while a line is being received, so an idle connection holds none.
/// </summary>
internal sealed class LineDecoder(int maxLineBytes)
{
    private const byte Iac = TelnetOptions.Iac, Dont = TelnetOptions.Dont, Do = TelnetOptions.Do, Wont = TelnetOptions.Wont, Will = TelnetOptions.Will;
    private const byte Sb = 250, El = 248, Ec = 247, Ayt = 246, Se = 240;
    private const byte Cr = (byte)'\r', Lf = (byte)'\n', Nul = 0, Bs = 8, Del = 127;
    private const int MaxSubnegotiationBytes = 64;
    private static readonly SearchValues<byte> Special = SearchValues.Create([Iac, Cr, Lf, Nul, Bs, Del]);

    private enum State { Data, Iac, Option, Subnegotiation, SubnegotiationIac }

    private readonly TelnetOptions _telnet = new();
    private State _state;
    private byte[]? _pendingReply;
    private byte _verb;
    private int _subnegotiationBytes;
    private bool _afterCr;
    private bool _discarding;
    private bool _tooLongPending;
    private int _received;
    private byte[]? _line;
    private int _length;

    public int MaxLineBytes { get; } = maxLineBytes;

    /// <summary>
    /// Consumes input up to and including the next event and slices it off <paramref name="input"/>.
    /// Returns false once the input is used up (a partial line stays in the decoder).
    /// </summary>
    public bool TryDecode(ref ReadOnlySequence<byte> input, out InputEvent result)
    {
        while (true)
        {
            if (_tooLongPending)
            {
                _tooLongPending = false;
                result = new InputEvent(InputKind.LineTooLong);
                return true;
            }
            if (_pendingReply is { } reply)
            {
                _pendingReply = null;
                result = new InputEvent(InputKind.TelnetReply, Reply: reply);
                return true;
            }
            if (input.IsEmpty)
            {
                result = default;
                return false;
            }
            var used = Scan(input.FirstSpan, out result, out var found);
            input = input.Slice(used);
            if (found)
            {
                return true;
            }
        }
    }

    /// <summary>Scans one span until an event or the line limit; returns how many bytes it consumed.</summary>
    private int Scan(ReadOnlySpan<byte> span, out InputEvent result, out bool found)
    {
        result = default;
        found = false;
        var i = 0;
        while (i < span.Length && !found && !_tooLongPending && _pendingReply is null)
        {
            if (_state == State.Data)
            {
                // Fast path: copy the run of ordinary bytes up to the next byte that means something.
                var run = span[i..].IndexOfAny(Special);
                var take = run < 0 ? span.Length - i : run;
                if (take > 0)
                {
                    _afterCr = false;
                    Count(take);
                    Append(span.Slice(i, take));
                    i += take;
                    continue;
                }
            }
            found = Step(span[i++], out result);
        }
        return i;
    }

    /// <summary>One byte through the line-end and telnet state machine.</summary>
    private bool Step(byte b, out InputEvent result)
    {
        result = default;
        if (_state == State.Subnegotiation && _subnegotiationBytes == MaxSubnegotiationBytes)
        {
            _state = State.Data;     // a subnegotiation that never ends is abandoned, not buffered
        }
        if (_state == State.Data)
        {
            if (b is Lf or Nul && _afterCr)
            {
                _afterCr = false;    // second half of CR LF or CR NUL
                PeerSpeaksTelnet();
                return false;
            }
            _afterCr = b == Cr;
            if (b is Cr or Lf)
            {
                return EndLine(out result);
            }
        }

        Count(1);
        switch (_state)
        {
            case State.Data:
                HandleData(b);
                return false;
            case State.Iac:
                _state = State.Data;
                return HandleCommand(b, out result);
            case State.Option:
                _state = State.Data;
                return Answer(_telnet.Receive(_verb, b), out result);
            case State.Subnegotiation:
                _subnegotiationBytes++;
                _state = b == Iac ? State.SubnegotiationIac : State.Subnegotiation;
                return false;
            default:
                _state = b == Se ? State.Data : State.Subnegotiation;
                return false;
        }
    }

    /// <summary>A byte in data state that is not a line end: IAC, NUL, backspace.</summary>
    private void HandleData(byte b)
    {
        switch (b)
        {
            case Iac:
                _state = State.Iac;
                PeerSpeaksTelnet();
                break;
            case Bs or Del:
                EraseCharacter();
                break;
            case Nul:
                break;
            default:
                Append([b]);
                break;
        }
    }

    private bool HandleCommand(byte verb, out InputEvent result)
    {
        result = default;
        switch (verb)
        {
            case Iac:
                Append([Iac]);       // IAC IAC is a literal 0xFF; as UTF-8 it becomes U+FFFD
                return false;
            case Do or Dont or Will or Wont:
                _verb = verb;
                _state = State.Option;
                return false;
            case Sb:
                _subnegotiationBytes = 0;
                _state = State.Subnegotiation;
                return false;
            case Ayt:
                result = new InputEvent(InputKind.AreYouThere);
                return true;
            case Ec:
                EraseCharacter();
                return false;
            case El:
                _length = 0;
                return false;
            default:
                return false;        // NOP, GA, IP, BRK, DM, AO, SE: nothing to do
        }
    }

    private static bool Answer(byte[]? reply, out InputEvent result)
    {
        result = reply is null ? default : new InputEvent(InputKind.TelnetReply, Reply: reply);
        return reply is not null;
    }

    /// <summary>The peer has shown it is a telnet: offer BINARY (the first time only), before reading on.</summary>
    private void PeerSpeaksTelnet() => _pendingReply ??= _telnet.OfferBinary();

    /// <summary>Counts received bytes of the current line; the first time it passes the limit, reports it.</summary>
    private void Count(int bytes)
    {
        if (_discarding)
        {
            return;
        }
        _received += bytes;
        if (_received > MaxLineBytes)
        {
            _discarding = true;
            _tooLongPending = true;
            ReleaseLine();
        }
    }

    private void Append(ReadOnlySpan<byte> bytes)
    {
        if (_discarding)
        {
            return;
        }
        _line ??= ArrayPool<byte>.Shared.Rent(MaxLineBytes);
        bytes.CopyTo(_line.AsSpan(_length));
        _length += bytes.Length;
    }

    /// <summary>Deletes the last UTF-8 character: its continuation bytes and its lead byte.</summary>
    private void EraseCharacter()
    {
        while (_length > 0 && (_line![_length - 1] & 0xC0) == 0x80)
        {
            _length--;
        }
        if (_length > 0)
        {
            _length--;
        }
    }

    private bool EndLine(out InputEvent result)
    {
        var wasDiscarding = _discarding;
        var text = wasDiscarding || _line is null ? "" : Encoding.UTF8.GetString(_line, 0, _length);
        _discarding = false;
        _received = 0;
        ReleaseLine();
        // The end of an over-long line was already reported; it yields no line of its own.
        result = new InputEvent(InputKind.Line, Sanitizer.Clean(text));
        return !wasDiscarding;
    }

    private void ReleaseLine()
    {
        if (_line is not null)
        {
            ArrayPool<byte>.Shared.Return(_line);
            _line = null;
        }
        _length = 0;
    }
}
