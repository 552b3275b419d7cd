using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using ActorChat.Server.Hosting;
using ActorChat.Server.Tests.Support;
using ActorChat.Server.Tls;

namespace ActorChat.Server.Tests.Web;

/// <summary>/metrics (Prometheus text) and /healthz over real HTTP. The instruments are process-wide, so tests look for increases.</summary>
public sealed partial class MetricsTests
{
    private static readonly HttpClient Http = new(new SocketsHttpHandler { UseProxy = false }) { Timeout = TestClient.Timeout };

    [Fact]
    public async Task Healthz_says_ok_while_the_server_runs()
    {
        await using var server = await TestServer.StartAsync("Chat:HttpPort=0");
        using var answer = await Http.GetAsync(new Uri(server.Http, "/healthz"));
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal("ok\n", await answer.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Https_serves_the_same_with_the_servers_tls_certificate()
    {
        var data = Directory.CreateTempSubdirectory("actorchat-https-").FullName;
        try
        {
            await using var server = await TestServer.StartAsync("Chat:HttpsPort=0", $"Chat:DataDirectory={data}");
            var https = server.Get<ChatServer>().HttpsEndPoint!;
            var fingerprint = server.Get<CertificateProvider>().Identity.Fingerprint.Replace(":", "", StringComparison.Ordinal);
            using var pinned = new HttpClient(new SocketsHttpHandler
            {
                UseProxy = false,
                SslOptions = { RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                    certificate?.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256) == fingerprint },
            }) { Timeout = TestClient.Timeout };
            Assert.Equal("ok\n", await pinned.GetStringAsync(new Uri($"https://127.0.0.1:{https.Port}/healthz")));
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task Metrics_move_when_people_chat()
    {
        await using var server = await TestServer.StartAsync("Chat:HttpPort=0");
        var before = await ScrapeAsync(server);
        var alice = await server.LoginAsync("alice");
        await using var web = await WsClient.LoginAsync(server, "web");
        await alice.ExpectAsync("#lobby -> web joined");
        await web.SendAsync("hi nc");
        await alice.ExpectAsync("#lobby <web> hi nc");
        await alice.SendAsync("hi browser");
        await web.ExpectAsync(e => WsClient.Text(e) == "hi browser");

        // The exporter may answer from a cache for a moment: scrape until the counters have moved.
        var after = await ScrapeUntilAsync(server, m => Value(m, "actorchat_messages_said_total") >= Value(before, "actorchat_messages_said_total") + 2);
        Assert.True(Value(after, "actorchat_lines_in_total") >= Value(before, "actorchat_lines_in_total") + 4);
        Assert.True(Value(after, "actorchat_deliveries_total") >= Value(before, "actorchat_deliveries_total") + 4);
        Assert.True(Value(after, "actorchat_connections", "front_end=\"websocket\"") >= 1);
        Assert.True(Value(after, "actorchat_connections", "front_end=\"line\"") >= 1);
        Assert.True(Value(after, "actorchat_users") >= 2);
        Assert.True(Value(after, "actorchat_rooms") >= 1);
        foreach (var gauge in (string[])["actorchat_broker_mailbox", "actorchat_store_backlog", "actorchat_udp_listeners"])
        {
            Assert.Matches($"(?m)^{gauge}\\{{", after);
        }
    }

    private static async Task<string> ScrapeAsync(TestServer server)
    {
        using var answer = await Http.GetAsync(new Uri(server.Http, "/metrics"));
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        return await answer.Content.ReadAsStringAsync();
    }

    private static async Task<string> ScrapeUntilAsync(TestServer server, Func<string, bool> moved)
    {
        var deadline = DateTime.UtcNow + TestClient.Timeout;
        while (true)
        {
            var metrics = await ScrapeAsync(server);
            if (moved(metrics))
            {
                return metrics;
            }
            Assert.True(DateTime.UtcNow < deadline, $"the metrics did not move:\n{metrics}");
            await Task.Delay(100);
        }
    }

    /// <summary>The value of a series (with a label that must be present), 0 when it is not there yet.</summary>
    private static double Value(string metrics, string name, string label = "")
    {
        foreach (Match m in Series().Matches(metrics))
        {
            if (m.Groups["name"].Value == name && m.Groups["labels"].Value.Contains(label, StringComparison.Ordinal))
            {
                return double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture);
            }
        }
        return 0;
    }

    [GeneratedRegex(@"(?m)^(?<name>[a-z_]+)\{(?<labels>[^}]*)\} (?<value>[0-9.eE+-]+)")]
    private static partial Regex Series();
}
