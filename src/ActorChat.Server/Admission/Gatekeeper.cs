using System.Net;
using System.Net.Sockets;
using ActorChat.Core.Chat.Moderation;

namespace ActorChat.Server.Admission;

/// <summary>
/// Admission for every listener: the connection limits, and the descriptor budget that also counts
/// the sockets held open only to be refused, so a storm can never take the process's own descriptors.
/// </summary>
internal sealed class Gatekeeper(ConnectionLimiter limiter, ModerationView? moderation = null)
{
    private int _refusing;

    /// <summary>True when no descriptor may be taken now: new connections must wait in the kernel's backlog.</summary>
    public bool AtDescriptorBudget => limiter.Open + Volatile.Read(ref _refusing) >= limiter.MaxConnections + OpenFileLimit.Refusing;

    /// <summary>Null when admitted (<see cref="Release"/> it later), else the reason for the refusal.</summary>
    public string? TryAdmit(IPAddress address) => limiter.TryAdmit(address);

    public void Release(IPAddress address) => limiter.Release(address);

    /// <summary>The server ban in force on the address, if any.</summary>
    public Ban? BanOn(IPAddress address) => moderation?.AddressBan(address);

    /// <summary>Sends <paramref name="answer"/>, then closes after the peer has had a moment to read it.</summary>
    public async Task RefuseAsync(Socket socket, ReadOnlyMemory<byte> answer)
    {
        Interlocked.Increment(ref _refusing);
        using (socket)
        {
            try
            {
                await socket.SendAsync(answer).ConfigureAwait(false);
                socket.Shutdown(SocketShutdown.Send);
                // Wait for the peer's close, so unread input does not turn our close into a reset that loses the line.
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                var scratch = new byte[256];
                while (await socket.ReceiveAsync(scratch, SocketFlags.None, timeout.Token).ConfigureAwait(false) > 0)
                {
                }
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // The peer is gone or too slow to say goodbye; closing is all that is left.
            }
            finally
            {
                Interlocked.Decrement(ref _refusing);
            }
        }
    }
}
