using System.Security.Cryptography;
using System.Text;
using ActorChat.Core.Storage;

namespace ActorChat.Core.Chat.Accounts;

/// <summary>
/// PBKDF2-SHA256 with a per-account salt; the iteration count is stored with each hash, so it can be
/// raised later (an account is re-hashed at its next login). Slow on purpose: never call on the broker's pump.
/// </summary>
internal static class Passwords
{
    public const int MinLength = 6, MaxLength = 128;
    private const int SaltBytes = 16, HashBytes = 32;

    public static bool IsAcceptable(Secret password) => password.Length is >= MinLength and <= MaxLength;

    public static StoredAccount Hash(string name, Secret password, int iterations, DateTime created)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        return new StoredAccount(name, Derive(password, salt, iterations), salt, iterations, created);
    }

    /// <summary>Compares in constant time.</summary>
    public static bool Verify(Secret password, StoredAccount account) =>
        CryptographicOperations.FixedTimeEquals(Derive(password, account.Salt, account.Iterations), account.Hash);

    private static byte[] Derive(Secret password, byte[] salt, int iterations) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password.Reveal()), salt, iterations, HashAlgorithmName.SHA256, HashBytes);
}
