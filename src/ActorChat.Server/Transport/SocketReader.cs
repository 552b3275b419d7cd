using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;

namespace ActorChat.Server.Transport;

/// <summary>
/// A <see cref="PipeReader"/> straight on a socket, for connections that are idle most of the time:
/// it waits for data with a zero-byte receive, so an idle connection holds no buffer, then receives
/// into a pooled buffer that goes back to the pool once everything in it is consumed. It replaces a
/// <c>NetworkStream</c> under a <c>StreamPipeReader</c>: two objects, a pending read state machine
/// and a cancellation registration fewer per idle connection. One reader at a time, as for any pipe.
/// </summary>
internal sealed class SocketReader(Socket socket) : PipeReader
{
    private const int ReadSize = 4096;

    private byte[]? _buffer;
    private int _start, _end;       // the bytes not yet consumed: _buffer[_start.._end]
    private bool _examinedAll;      // the reader has looked at all of them: only more data helps
    private bool _ended;            // the peer has closed its side

    public override async ValueTask<ReadResult> ReadAsync(CancellationToken cancellationToken = default)
    {
        if (TryRead(out var ready))
        {
            return ready;
        }
        if (_buffer is null)
        {
            // Idle: wait without a buffer (a peer's close also ends the wait).
            await socket.ReceiveAsync(Memory<byte>.Empty, SocketFlags.None, cancellationToken).ConfigureAwait(false);
            _buffer = ArrayPool<byte>.Shared.Rent(ReadSize);
        }
        else
        {
            MakeRoom();
        }
        var n = await socket.ReceiveAsync(_buffer.AsMemory(_end), SocketFlags.None, cancellationToken).ConfigureAwait(false);
        _end += n;
        _ended = n == 0;
        _examinedAll = false;
        return Result();
    }

    public override bool TryRead(out ReadResult result)
    {
        result = Result();
        return _ended || (_end > _start && !_examinedAll);
    }

    public override void AdvanceTo(SequencePosition consumed) => AdvanceTo(consumed, consumed);

    public override void AdvanceTo(SequencePosition consumed, SequencePosition examined)
    {
        if (_buffer is null)
        {
            return;
        }
        var examinedTo = examined.GetObject() == _buffer ? examined.GetInteger() : _start;
        _start = consumed.GetObject() == _buffer ? consumed.GetInteger() : _start;
        _examinedAll = examinedTo >= _end;
        if (_start == _end)
        {
            Release();
        }
    }

    /// <summary>Nothing cancels a read here but the token given to <see cref="ReadAsync"/>.</summary>
    public override void CancelPendingRead() => throw new NotSupportedException("cancel the read's token instead");

    public override void Complete(Exception? exception = null) => Release();

    private ReadResult Result() => new(
        _buffer is null ? ReadOnlySequence<byte>.Empty : new ReadOnlySequence<byte>(_buffer, _start, _end - _start), isCanceled: false, isCompleted: _ended);

    /// <summary>Room for a read after the unconsumed bytes: moved to the front, or a larger buffer when they fill it.</summary>
    private void MakeRoom()
    {
        if (_buffer!.Length - _end >= ReadSize / 4)
        {
            return;
        }
        var target = _end - _start > _buffer.Length / 2 ? ArrayPool<byte>.Shared.Rent(_buffer.Length * 2) : _buffer;
        _buffer.AsSpan(_start, _end - _start).CopyTo(target);
        if (target != _buffer)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = target;
        }
        (_start, _end) = (0, _end - _start);
    }

    private void Release()
    {
        if (_buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = null;
        }
        (_start, _end) = (0, 0);
    }
}
