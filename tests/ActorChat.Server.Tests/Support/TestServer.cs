using System.Net;
using ActorChat.Core.Storage;
using ActorChat.Server.Hosting;
using ActorChat.Server.Tls;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ActorChat.Server.Tests.Support;

/// <summary>A real server in this process, on 127.0.0.1 and ports the system picks.</summary>
internal sealed class TestServer : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly List<TestClient> _clients = [];
    private bool _stopped;

    private TestServer(IHost host, ChatServer server)
    {
        _host = host;
        Port = server.TcpEndPoint!.Port;
        TlsPort = server.TlsEndPoint?.Port ?? -1;
        IrcPort = server.IrcEndPoint?.Port ?? -1;
        IrcTlsPort = server.IrcTlsEndPoint?.Port ?? -1;
        Udp = server.UdpEndPoint is { } udp ? new IPEndPoint(IPAddress.Loopback, udp.Port) : null;
        HttpPort = server.HttpEndPoint?.Port ?? -1;
    }

    /// <summary>The HTTP port (web client, /ws, /metrics) when started with "Chat:HttpPort=0"; -1 when off (the default here).</summary>
    public int HttpPort { get; }

    public Uri Http => new($"http://127.0.0.1:{HttpPort}/");

    public int Port { get; }

    /// <summary>-1 when the IRC port is off.</summary>
    public int IrcPort { get; }

    /// <summary>-1 unless started with <c>Chat:IrcTlsPort=0</c>.</summary>
    public int IrcTlsPort { get; }

    /// <summary>-1 unless started with <c>Chat:TlsPort=0</c>.</summary>
    public int TlsPort { get; }

    /// <summary>The SHA-256 fingerprint of the TLS certificate, as in the <c>listening</c> line.</summary>
    public string Fingerprint => Get<CertificateProvider>().Identity.Fingerprint;

    public IPEndPoint? Udp { get; }

    /// <summary>
    /// Starts a server with the protocol's defaults but for the per-address limits (every test
    /// client comes from 127.0.0.1), the TLS and HTTP ports (off) and the store (none: tests share no
    /// files), overridden by <paramref name="settings"/> ("Chat:Name=value").
    /// </summary>
    public static Task<TestServer> StartAsync(params string[] settings) => StartAsync(null, settings);

    public static Task<TestServer> StartAsync(TimeProvider? clock, params string[] settings) => StartAsync(clock, null, settings);

    /// <param name="clock">The server's clock (null: the system's).</param>
    /// <param name="store">The moderation store (null: a fresh one); hand one to two servers in turn to restart.</param>
    /// <param name="settings">"Chat:Name=value" overrides.</param>
    public static async Task<TestServer> StartAsync(TimeProvider? clock, IModerationStore? store, params string[] settings)
    {
        string[] args =
        [
            "--port", "0", "--udp-port", "0", "--http-port", "-1", "--bind", "127.0.0.1",
            "--Chat:MaxConnectionsPerAddress=0", "--Chat:MaxNewConnectionsPerAddressPerMinute=0", "--Chat:TlsPort=-1", "--Chat:IrcPort=0", "--Chat:IrcTlsPort=-1", "--Chat:Database=",
            "--Chat:RegistrationsPerAddressPerHour=0",
            .. settings.Select(s => "--" + s),
        ];
        var host = ServerHost.Build(args, services =>
        {
            if (clock is not null)
            {
                services.AddSingleton(clock);
            }
            if (store is not null)
            {
                services.AddSingleton(store);
            }
        });
        await host.StartAsync();
        return new TestServer(host, host.Services.GetRequiredService<ChatServer>());
    }

    public T Get<T>() where T : notnull => _host.Services.GetRequiredService<T>();

    /// <summary>A connected client, disposed with the server.</summary>
    public async Task<TestClient> ConnectAsync() => Keep(await TestClient.ConnectAsync(Port));

    /// <summary>A client connected to the TLS port, pinning the server's certificate; disposed with the server.</summary>
    public async Task<TestClient> ConnectTlsAsync() => Keep(await TestClient.ConnectTlsAsync(TlsPort, Fingerprint));

    private TestClient Keep(TestClient client)
    {
        lock (_clients)
        {
            _clients.Add(client);
        }
        return client;
    }

    /// <summary>A client connected to the IRC port, disposed with the server.</summary>
    public async Task<TestClient> ConnectIrcAsync() => Keep(await TestClient.ConnectAsync(IrcPort));

    /// <summary>A client connected to the IRC TLS port, pinning the server's certificate; disposed with the server.</summary>
    public async Task<TestClient> ConnectIrcTlsAsync() => Keep(await TestClient.ConnectTlsAsync(IrcTlsPort, Fingerprint));

    /// <summary>
    /// Registers over IRC (CAP REQ for <paramref name="caps"/> first, if any); returns once the end of
    /// the MOTD (376 or 422) has arrived, so the client starts with nothing unread.
    /// </summary>
    public async Task<TestClient> IrcLoginAsync(string nick, params string[] caps) => await IrcRegisterAsync(await ConnectIrcAsync(), nick, caps);

    /// <summary>Registers a connected IRC client (see <see cref="IrcLoginAsync"/>).</summary>
    public static async Task<TestClient> IrcRegisterAsync(TestClient client, string nick, params string[] caps)
    {
        if (caps.Length > 0)
        {
            await client.SendAsync("CAP LS 302");
            await client.SendAsync($"CAP REQ :{string.Join(' ', caps)}");
            await client.ExpectAsync(l => l.Contains(" CAP * ACK ", StringComparison.Ordinal));
        }
        await client.SendAsync($"NICK {nick}");
        await client.SendAsync($"USER {nick} 0 * :{nick} the tester");
        if (caps.Length > 0)
        {
            await client.SendAsync("CAP END");
        }
        await client.ExpectAsync(l => l.Contains($" 001 {nick} ", StringComparison.Ordinal));
        await client.ExpectAsync(l => l.Contains(" 376 ", StringComparison.Ordinal) || l.Contains(" 422 ", StringComparison.Ordinal));
        return client;
    }

    /// <summary>Registers each nick in turn and lets every client read the joins of those after it, so all start with nothing unread.</summary>
    public async Task<TestClient[]> LoginAllAsync(params string[] nicks)
    {
        var clients = new TestClient[nicks.Length];
        for (var i = 0; i < nicks.Length; i++)
        {
            clients[i] = await LoginAsync(nicks[i]);
            for (var j = 0; j < i; j++)
            {
                await clients[j].ExpectAsync($"#lobby -> {nicks[i]} joined");
            }
        }
        return clients;
    }

    /// <summary>Connects and registers; returns once the welcome line has arrived.</summary>
    public async Task<TestClient> LoginAsync(string nick) => await RegisterAsync(await ConnectAsync(), nick);

    /// <summary>Connects to the TLS port and registers; returns once the welcome line has arrived.</summary>
    public async Task<TestClient> LoginOverTlsAsync(string nick) => await RegisterAsync(await ConnectTlsAsync(), nick);

    private static async Task<TestClient> RegisterAsync(TestClient client, string nick)
    {
        await client.ExpectAsync("* Choose a nick:");
        await client.SendAsync(nick);
        await client.ExpectAsync(l => l.StartsWith($"* You are {nick}.", StringComparison.Ordinal));
        return client;
    }

    /// <summary>Logs in as <paramref name="nick"/> and registers it as an account with <paramref name="password"/>.</summary>
    public async Task<TestClient> LoginRegisteredAsync(string nick, string password = "secret-" + "pw")
    {
        var client = await LoginAsync(nick);
        await client.SendAsync($"/register {password}");
        await client.ExpectAsync($"* account {nick} registered: you are identified");
        return client;
    }

    /// <summary>Registers the account and quits, so nobody holds the nick and nobody sees it leave later.</summary>
    public async Task RegisterAndLeaveAsync(string nick, string password = "secret-" + "pw")
    {
        var client = await LoginRegisteredAsync(nick, password);
        await client.SendAsync("/quit");
        await client.ReadToEndAsync();
    }

    /// <summary>Connects and identifies at the nick prompt; returns once the welcome line has arrived.</summary>
    public async Task<TestClient> IdentifyAsync(string nick, string password = "secret-" + "pw")
    {
        var client = await ConnectAsync();
        await client.ExpectAsync("* Choose a nick:");
        await client.SendAsync($"/identify {nick} {password}");
        await client.ExpectAsync($"* you are identified as {nick}");
        await client.ExpectAsync(l => l.StartsWith($"* You are {nick}.", StringComparison.Ordinal));
        return client;
    }

    public async Task StopAsync()
    {
        if (!_stopped)
        {
            _stopped = true;
            await _host.StopAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _host.Dispose();
        foreach (var client in _clients)
        {
            await client.DisposeAsync();
        }
    }
}
