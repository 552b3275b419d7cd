using ActorChat.Server.Tests.Support;

namespace ActorChat.Server.Tests.Irc;

/// <summary>IRC helpers over a <see cref="TestClient"/> connected to the IRC port.</summary>
internal static class IrcClient
{
    private static int s_token;

    /// <summary>
    /// The IRC barrier: PING with a fresh token, and everything read before its PONG. Like /ping it
    /// orders only this client's own commands.
    /// </summary>
    public static async Task<List<string>> IrcSyncAsync(this TestClient client)
    {
        var token = $"sync{Interlocked.Increment(ref s_token)}";
        await client.SendAsync($"PING {token}");
        var lines = await client.ReadUntilAsync(l => l.Contains(" PONG ", StringComparison.Ordinal) && l.EndsWith(":" + token, StringComparison.Ordinal));
        lines.RemoveAt(lines.Count - 1);
        return lines;
    }

    /// <summary>The numeric (or command) of a server line, tags and source skipped.</summary>
    public static string Command(string line)
    {
        var words = line.Split(' ');
        var i = 0;
        while (i < words.Length && (words[i].StartsWith('@') || words[i].StartsWith(':')))
        {
            i++;
        }
        return i < words.Length ? words[i] : "";
    }

    /// <summary>SASL PLAIN in one chunk: <c>AUTHENTICATE PLAIN</c>, the server's <c>AUTHENTICATE +</c>, then <paramref name="payload"/>.</summary>
    public static async Task AuthenticateAsync(this TestClient client, string payload)
    {
        await client.SendAsync("AUTHENTICATE PLAIN");
        await client.ExpectAsync("AUTHENTICATE +");
        await client.SendAsync("AUTHENTICATE " + payload);
    }

    /// <summary>Joins a channel and reads up to the end of its NAMES (366).</summary>
    public static async Task<List<string>> JoinAsync(this TestClient client, string channel)
    {
        await client.SendAsync($"JOIN {channel}");
        return await client.ReadUntilAsync(l => Command(l) == "366");
    }
}
