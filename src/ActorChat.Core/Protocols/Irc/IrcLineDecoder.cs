using System.Buffers;

namespace ActorChat.Core.Protocols.Irc;

/// <summary>
/// Turns the bytes of one IRC connection into parsed messages. CR, LF and CRLF all end a line
/// (RFC 2812 2.3.1 asks servers to accept either alone); empty lines are skipped silently. A line
/// longer than <paramref name="maxLineBytes"/> is counted as received, reported once and skipped
/// up to its end. No telnet: IRC clients do not speak it. Pure: no sockets, no clock; memory is
/// bounded by the limit, and the buffer is rented only while a line is being received.
/// </summary>
internal sealed class IrcLineDecoder(int maxLineBytes = IrcMessage.MaxClientLineBytes, IrcTextFallback fallback = IrcTextFallback.Latin1)
{
    private const byte Cr = (byte)'\r', Lf = (byte)'\n';

    private bool _discarding;
    private bool _tooLongPending;
    private byte[]? _line;
    private int _length;

    public int MaxLineBytes { get; } = maxLineBytes;

    /// <summary>
    /// Consumes input up to and including the next event and slices it off <paramref name="input"/>.
    /// Returns false once the input is used up (a partial line stays in the decoder).
    /// </summary>
    public bool TryDecode(ref ReadOnlySequence<byte> input, out IrcInput result)
    {
        while (true)
        {
            if (_tooLongPending)
            {
                _tooLongPending = false;
                result = new IrcInput(IrcInputKind.LineTooLong);
                return true;
            }
            if (input.IsEmpty)
            {
                result = default;
                return false;
            }
            var span = input.FirstSpan;
            var end = span.IndexOfAny(Cr, Lf);
            var take = end < 0 ? span.Length : end;
            Append(span[..take]);
            input = input.Slice(end < 0 ? take : take + 1);
            if (end >= 0 && EndLine(out result))
            {
                return true;
            }
        }
    }

    private void Append(ReadOnlySpan<byte> bytes)
    {
        if (_discarding || bytes.IsEmpty)
        {
            return;
        }
        if (_length + bytes.Length > MaxLineBytes)
        {
            _discarding = true;
            _tooLongPending = true;
            ReleaseLine();
            return;
        }
        _line ??= ArrayPool<byte>.Shared.Rent(MaxLineBytes);
        bytes.CopyTo(_line.AsSpan(_length));
        _length += bytes.Length;
    }

    /// <summary>True when the line yields a message; an empty line or the end of a skipped one does not.</summary>
    private bool EndLine(out IrcInput result)
    {
        result = default;
        var wasDiscarding = _discarding;
        _discarding = false;
        if (wasDiscarding || _length == 0)
        {
            ReleaseLine();
            return false;
        }
        var parsed = IrcMessage.Parse(_line.AsSpan(0, _length), IrcMessage.MaxClientTagDataBytes, fallback);
        ReleaseLine();
        if (parsed.Error == IrcParseError.Empty)
        {
            return false;
        }
        result = new IrcInput(IrcInputKind.Line, parsed);
        return true;
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
