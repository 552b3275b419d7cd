using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;
using ActorChat.Client.Protocol;
using ActorChat.Client.Sessions;
using ActorChat.Server.Tests.Support;

namespace ActorChat.Client.Tests;

public class SessionTests
{
    /// <summary>Collects what a session shows, and lets a test wait for a line.</summary>
    private sealed class RecordingView : IChatView
    {
        private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();

        public void Show(ServerEvent serverEvent) => _lines.Writer.TryWrite(EventFormatter.Plain(serverEvent));

        public void Status(string text) => _lines.Writer.TryWrite("-- " + text);

        public async Task<string> ExpectAsync(Func<string, bool> match)
        {
            using var timeout = new CancellationTokenSource(TestClient.Timeout);
            await foreach (var line in _lines.Reader.ReadAllAsync(timeout.Token))
            {
                if (match(line))
                {
                    return line;
                }
            }
            throw new InvalidOperationException("the view was completed");
        }
    }

    [Fact]
    public async Task Script_mode_round_trip_between_two_clients()
    {
        await using var server = await TestServer.StartAsync();
        var options = new ClientOptions("127.0.0.1", server.Port);

        // b reads from a pipe that stays open until the test ends it; a's input is two lines and EOF.
        var watcher = await server.LoginAsync("watcher");
        var bInput = new Pipe();
        var bOutput = new StringWriter();
        var b = new ScriptSession(options with { Nick = "b" }, new StreamReader(bInput.Reader.AsStream()), bOutput, TextWriter.Null).RunAsync(CancellationToken.None);
        await watcher.ExpectAsync("#lobby -> b joined");

        var aOutput = new StringWriter();
        var exit = await new ScriptSession(options with { Nick = "a" }, new StringReader("hello from a\n/me waves\n"), aOutput, TextWriter.Null).RunAsync(CancellationToken.None);
        Assert.Equal(0, exit);
        var aLines = aOutput.ToString().Split('\n');
        Assert.Contains("#lobby <a> hello from a", aLines);     // its own lines, echoed in order
        Assert.Contains("#lobby * a waves", aLines);

        await watcher.ExpectAsync("#lobby <- a left (quit)");
        await bInput.Writer.WriteAsync(Encoding.UTF8.GetBytes("thanks a\n"));
        await bInput.Writer.CompleteAsync();
        Assert.Equal(0, await b);
        var bLines = bOutput.ToString().Split('\n');
        Assert.Contains("#lobby <a> hello from a", bLines);
        Assert.Contains("#lobby * a waves", bLines);
        Assert.Contains("#lobby <b> thanks a", bLines);
    }

    [Fact]
    public async Task Json_script_mode_prints_the_servers_ndjson()
    {
        await using var server = await TestServer.StartAsync();
        var output = new StringWriter();
        await new ScriptSession(new ClientOptions("127.0.0.1", server.Port, "j", Json: true), new StringReader("/who\n"), output, TextWriter.Null).RunAsync(CancellationToken.None);
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.All(lines, l => Assert.StartsWith("{", l, StringComparison.Ordinal));
        Assert.Contains("""{"type":"who","room":"lobby","nicks":["j"]}""", lines);
    }

    [Fact]
    public async Task A_taken_nick_gets_a_suffix_and_a_refused_connection_is_exit_code_3()
    {
        await using var server = await TestServer.StartAsync();
        var taken = await server.LoginAsync("dup");
        var output = new StringWriter();
        await new ScriptSession(new ClientOptions("127.0.0.1", server.Port, "dup"), new StringReader(""), output, TextWriter.Null).RunAsync(CancellationToken.None);
        Assert.Contains("* You are dup_1.", output.ToString(), StringComparison.Ordinal);

        using var closed = new TcpListener(IPAddress.Loopback, 0);
        closed.Start();
        var port = ((IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();
        var errors = new StringWriter();
        Assert.Equal(3, await new ScriptSession(new ClientOptions("127.0.0.1", port, "x"), new StringReader(""), TextWriter.Null, errors).RunAsync(CancellationToken.None));
        Assert.Contains("cannot connect", errors.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reconnects_after_the_server_restarts_on_the_same_port_and_rejoins_its_rooms()
    {
        var view = new RecordingView();
        int port;
        await using (var first = await TestServer.StartAsync())
        {
            port = first.Port;
            var options = new ClientOptions("127.0.0.1", port, "phoenix") { ReconnectDelay = TimeSpan.FromMilliseconds(100) };
            var session = new ChatSession(options, view);
            Assert.Equal(StartResult.Registered, await session.StartAsync(CancellationToken.None));
            _ = session.RunAsync(CancellationToken.None);
            await session.SendAsync("/join dev");
            await view.ExpectAsync(l => l == "#dev -> phoenix joined");
        }
        await view.ExpectAsync(l => l.StartsWith("-- disconnected", StringComparison.Ordinal));

        await using var second = await TestServer.StartAsync($"Chat:Port={port}");
        var watcher = await second.LoginAsync("watcher");
        var reconnected = await view.ExpectAsync(l => l.StartsWith("-- reconnected as phoenix; rejoined #dev.", StringComparison.Ordinal));
        Assert.DoesNotContain("replay", reconnected, StringComparison.Ordinal);     // no promise of a history that may not have survived
        await watcher.SendAsync("/join dev");
        await watcher.SendAsync("/who #dev");
        var who = await watcher.ExpectAsync(l => l.StartsWith("* #dev", StringComparison.Ordinal));
        Assert.Contains("phoenix", who, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reconnect_takes_back_the_nick_chosen_last_and_says_the_wait_it_really_makes()
    {
        var view = new RecordingView();
        int port;
        ChatSession session;
        await using (var first = await TestServer.StartAsync())
        {
            port = first.Port;
            session = new ChatSession(new ClientOptions("127.0.0.1", port, "launch") { ReconnectDelay = TimeSpan.FromMilliseconds(100) }, view);
            Assert.Equal(StartResult.Registered, await session.StartAsync(CancellationToken.None));
            _ = session.RunAsync(CancellationToken.None);
            await session.SendAsync("/nick zoey");
            await view.ExpectAsync(l => l == "#lobby ~ launch is now zoey");
        }
        // Each message names the wait that follows it: 0.1 s, then doubled after each failure.
        await view.ExpectAsync(l => l == $"-- disconnected from 127.0.0.1:{port}; reconnecting in 0.1 s");
        await view.ExpectAsync(l => l.StartsWith("-- reconnect failed", StringComparison.Ordinal) && l.EndsWith("trying again in 0.2 s", StringComparison.Ordinal));
        await view.ExpectAsync(l => l.StartsWith("-- reconnect failed", StringComparison.Ordinal) && l.EndsWith("trying again in 0.4 s", StringComparison.Ordinal));

        await using var second = await TestServer.StartAsync($"Chat:Port={port}");
        await view.ExpectAsync(l => l.StartsWith("-- reconnected as zoey.", StringComparison.Ordinal));
        Assert.Equal("zoey", session.Nick);
        await session.DisposeAsync();
    }

    [Fact]
    public async Task A_registered_nick_is_identified_with_the_password_file_stays_out_when_logged_in_elsewhere_and_is_refused_without_a_password()
    {
        await using var server = await TestServer.StartAsync();
        await server.RegisterAndLeaveAsync("alice", "secret-pw");
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, "secret-pw\n");
            var view = new RecordingView();
            await using (var session = new ChatSession(new ClientOptions("127.0.0.1", server.Port, "alice") { PasswordFile = file, ReconnectDelay = TimeSpan.FromMilliseconds(100) }, view))
            {
                Assert.Equal(StartResult.Registered, await session.StartAsync(CancellationToken.None).WaitAsync(TestClient.Timeout));
                await view.ExpectAsync(l => l == "* you are identified as alice");
                Assert.Equal("alice", session.Nick);
                var running = session.RunAsync(CancellationToken.None);

                // The same account from another connection: this one is logged out and stays out (reconnecting would log that one out in turn).
                var elsewhere = await server.IdentifyAsync("alice", "secret-pw");
                await view.ExpectAsync(l => l == "-- the server removed you (alice logged in from another connection): not reconnecting");
                await running.WaitAsync(TestClient.Timeout);
                await elsewhere.SendAsync("/quit");
                await elsewhere.ReadToEndAsync();
            }

            var refused = new RecordingView();       // no file, and a view with no password to give (script mode): it used to wait for ever
            await using var without = new ChatSession(new ClientOptions("127.0.0.1", server.Port, "alice"), refused);
            Assert.Equal(StartResult.NickRefused, await without.StartAsync(CancellationToken.None).WaitAsync(TestClient.Timeout));
            await refused.ExpectAsync(l => l == "* alice is registered: /identify alice PASSWORD");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Killed_or_banned_by_a_server_operator_it_says_so_and_does_not_reconnect()
    {
        await using var server = await TestServer.StartAsync("Chat:Operators=root");
        var root = await server.LoginRegisteredAsync("root");
        var view = new RecordingView();
        await using var session = new ChatSession(new ClientOptions("127.0.0.1", server.Port, "victim") { ReconnectDelay = TimeSpan.FromMilliseconds(100) }, view);
        Assert.Equal(StartResult.Registered, await session.StartAsync(CancellationToken.None));
        var running = session.RunAsync(CancellationToken.None);
        await root.SendAsync("/kill victim spam");
        await view.ExpectAsync(l => l == "! killed by root: spam");
        await view.ExpectAsync(l => l == "-- the server removed you (killed by root: spam): not reconnecting");
        await running.WaitAsync(TestClient.Timeout);           // the session is over, not trying again

        var banned = new RecordingView();
        await using var second = new ChatSession(new ClientOptions("127.0.0.1", server.Port, "spammer") { ReconnectDelay = TimeSpan.FromMilliseconds(100) }, banned);
        Assert.Equal(StartResult.Registered, await second.StartAsync(CancellationToken.None));
        running = second.RunAsync(CancellationToken.None);
        await root.SendAsync("/ban spammer 1h ads");
        await banned.ExpectAsync(l => l == "-- the server removed you (you are banned: ads): not reconnecting");
        await running.WaitAsync(TestClient.Timeout);
    }

    [Fact]
    public async Task Completion_offers_only_the_nicks_present_in_your_rooms()
    {
        await using var server = await TestServer.StartAsync();
        var view = new RecordingView();
        await using var session = new ChatSession(new ClientOptions("127.0.0.1", server.Port, "me"), view);
        Assert.Equal(StartResult.Registered, await session.StartAsync(CancellationToken.None));
        _ = session.RunAsync(CancellationToken.None);
        var early = await server.LoginAsync("early");     // joined before: known from /who
        await session.SendAsync("/who");
        await view.ExpectAsync(l => l.StartsWith("* #lobby (", StringComparison.Ordinal) && l.Contains("early", StringComparison.Ordinal));
        var gone = await server.LoginAsync("gone");
        await view.ExpectAsync(l => l == "#lobby -> gone joined");
        Assert.Equal(["early", "gone"], session.PresentNicks.Order());
        await gone.SendAsync("/quit");
        await view.ExpectAsync(l => l == "#lobby <- gone left (quit)");
        Assert.Equal(["early"], session.PresentNicks);       // was: every nick ever seen
        await early.SendAsync("/nick later");
        await view.ExpectAsync(l => l == "#lobby ~ early is now later");
        Assert.Equal(["later"], session.PresentNicks);
    }

    [Fact]
    public async Task Lossy_mode_subscribes_and_counts_a_gap_as_loss()
    {
        // A stand-in server: answers the handshake, then sends 1, 2 and 4: datagram 3 was "lost".
        using var fake = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var port = ((IPEndPoint)fake.Client.LocalEndPoint!).Port;
        var output = new StringWriter();
        var listener = new LossyListener(new ClientOptions("127.0.0.1", port, UdpRoom: "#lobby"), output);
        using var stop = new CancellationTokenSource();
        var running = listener.RunAsync(stop.Token);

        async Task<(string Text, IPEndPoint From)> ReceiveAsync()
        {
            var r = await fake.ReceiveAsync().WaitAsync(TestClient.Timeout);
            return (Encoding.UTF8.GetString(r.Buffer), r.RemoteEndPoint);
        }
        var (sub, from) = await ReceiveAsync();
        Assert.Equal("SUB lobby", sub);
        await fake.SendAsync(Encoding.UTF8.GetBytes("COOKIE abcdefgh"), from);
        Assert.Equal("SUB lobby abcdefgh", (await ReceiveAsync()).Text);
        await fake.SendAsync(Encoding.UTF8.GetBytes("OK #lobby 60"), from);
        foreach (var datagram in new[] { "1 #lobby <a> one", "2 #lobby <a> two", "4 #lobby <a> four" })
        {
            await fake.SendAsync(Encoding.UTF8.GetBytes(datagram), from);
        }
        await WaitForAsync(() => listener.Received == 3, running);
        await fake.SendAsync(Encoding.UTF8.GetBytes("1 #lobby <a> again"), from);      // a new sequence: the server restarted
        await WaitForAsync(() => listener.Received == 4, running);
        await stop.CancelAsync();                     // what Ctrl+C does
        Assert.Equal(0, await running);
        Assert.Equal((4L, 1L, 20.0), (listener.Received, listener.Lost, listener.LossPercent));
        var lines = output.ToString().Split('\n');
        Assert.Contains(lines, l => l.StartsWith("! the sequence began again at 1 after ", StringComparison.Ordinal) && l.Contains("the server restarted", StringComparison.Ordinal));
        Assert.Equal("* 4 datagrams received, 1 lost (20.0%)", lines[^2]);     // the summary, last
        Assert.Contains("* listening to #lobby over UDP (renewed every 30 s)", lines);
        Assert.Contains("! lost 1 datagram: 1 of 4 so far (25.0%)", lines);
        Assert.Contains("#lobby <a> four", lines);
    }

    [Fact]
    public async Task Lossy_mode_receives_a_real_servers_mirror()
    {
        await using var server = await TestServer.StartAsync();
        var talker = await server.LoginAsync("talker");
        var output = new StringWriter();
        var listener = new LossyListener(new ClientOptions("127.0.0.1", server.Port, UdpRoom: "lobby", UdpPort: server.Udp!.Port), output);
        using var stop = new CancellationTokenSource();
        var running = listener.RunAsync(stop.Token);
        await SayUntilHeardAsync(talker, listener, running, 1);
        await stop.CancelAsync();
        Assert.Equal(0, await running);
        Assert.Contains("#lobby <talker> anyone listening?", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lossy_mode_says_once_that_the_server_refuses_the_room_name_and_exits_2()
    {
        await using var server = await TestServer.StartAsync();
        var output = new StringWriter();
        var exit = await new LossyListener(new ClientOptions("127.0.0.1", server.Port, UdpRoom: "bad!room", UdpPort: server.Udp!.Port), output)
            .RunAsync(CancellationToken.None).WaitAsync(TestClient.Timeout);       // it used to repeat the error every 2 s, forever
        Assert.Equal(2, exit);
        Assert.Single(output.ToString().Split('\n'), l => l.Contains("bad room name", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Lossy_mode_says_when_nothing_answers()
    {
        using var nobody = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));     // a port that never answers
        var output = new StringWriter();
        var options = new ClientOptions("127.0.0.1", ((IPEndPoint)nobody.Client.LocalEndPoint!).Port, UdpRoom: "lobby") { UdpSilenceWarning = TimeSpan.FromMilliseconds(300) };
        var listener = new LossyListener(options, output);
        using var stop = new CancellationTokenSource();
        var running = listener.RunAsync(stop.Token);
        await WaitForAsync(() => output.ToString().Contains("! no answer from", StringComparison.Ordinal), running);
        await stop.CancelAsync();
        Assert.Equal(0, await running);
    }

    [Fact]
    public async Task Lossy_mode_tells_a_real_server_restart_apart_from_loss()
    {
        var output = new StringWriter();
        using var stop = new CancellationTokenSource();
        LossyListener listener;
        Task<int> running;
        int port, udpPort;
        await using (var first = await TestServer.StartAsync("Chat:UdpTtlSeconds=2"))
        {
            (port, udpPort) = (first.Port, first.Udp!.Port);
            listener = new LossyListener(new ClientOptions("127.0.0.1", port, UdpRoom: "lobby", UdpPort: udpPort), output);
            running = listener.RunAsync(stop.Token);
            var talker = await first.LoginAsync("talker");
            await SayUntilHeardAsync(talker, listener, running, 2);
        }
        await using var second = await TestServer.StartAsync("Chat:UdpTtlSeconds=2", $"Chat:Port={port}", $"Chat:UdpPort={udpPort}");
        var again = await second.LoginAsync("again");
        await SayUntilHeardAsync(again, listener, running, listener.Received + 1);
        await stop.CancelAsync();
        await running;
        Assert.Contains("! the sequence began again at 1", output.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, listener.Lost);
    }

    /// <summary>Talks in the lobby until the listener has counted <paramref name="count"/> datagrams (the first ones may come before the subscription is live).</summary>
    private static async Task SayUntilHeardAsync(TestClient talker, LossyListener listener, Task running, long count)
    {
        var deadline = DateTime.UtcNow + TestClient.Timeout;
        while (listener.Received < count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"only {listener.Received} datagrams reached the listener");
            Assert.False(running.IsCompleted);
            await talker.SendAsync("anyone listening?");
            await talker.SyncAsync();
        }
    }

    /// <summary>Polls a condition the listener raises no event for, failing at the deadline or if the listener stopped.</summary>
    private static async Task WaitForAsync(Func<bool> condition, Task running)
    {
        var deadline = DateTime.UtcNow + TestClient.Timeout;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the listener never got there");
            Assert.False(running.IsCompleted, "the listener stopped");
            await Task.Delay(10);
        }
    }
}
