using System.Buffers.Text;
using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace ActorChat.Server.Udp;

/// <summary>
/// Stateless UDP cookies: an HMAC of the listener's address, port and room and of the current
/// two-minute epoch, under a key made at start. The server keeps nothing for a request it has not
/// seen echoed, so forged requests cost it no memory. A cookie is accepted in its own epoch and the
/// next, so it stays valid for two to four minutes.
/// </summary>
internal sealed class UdpCookies
{
    public static readonly TimeSpan Epoch = TimeSpan.FromMinutes(2);

    /// <summary>
    /// 6 bytes of MAC, 8 characters: short enough that "COOKIE c" (15 bytes) answers even "SUB a"
    /// (5 bytes) within three times its size, and 48 bits that a blind forger cannot guess.
    /// </summary>
    private const int MacBytes = 6;

    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);

    public string Issue(IPEndPoint listener, string room, DateTimeOffset now) => Compute(listener, room, EpochOf(now));

    public bool IsValid(string cookie, IPEndPoint listener, string room, DateTimeOffset now)
    {
        var epoch = EpochOf(now);
        return Matches(cookie, Compute(listener, room, epoch)) || Matches(cookie, Compute(listener, room, epoch - 1));
    }

    private static long EpochOf(DateTimeOffset now) => now.ToUnixTimeMilliseconds() / (long)Epoch.TotalMilliseconds;

    private static bool Matches(string given, string expected) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(given), Encoding.ASCII.GetBytes(expected));

    private string Compute(IPEndPoint listener, string room, long epoch)
    {
        var input = Encoding.UTF8.GetBytes($"{listener.Address}|{listener.Port}|{room.ToLowerInvariant()}|{epoch}");
        var mac = HMACSHA256.HashData(_key, input);
        return Base64Url.EncodeToString(mac.AsSpan(0, MacBytes));
    }
}
