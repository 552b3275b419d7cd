using System.Net;
using System.Net.WebSockets;
using System.Text;
using ActorChat.Server.Tests.Support;

namespace ActorChat.Server.Tests.Web;

/// <summary>The /ws endpoint over real loopback sockets: handshake, frames, bounds, and chat with line-protocol users.</summary>
public sealed class WebSocketTests
{
    private static Task<TestServer> StartAsync(params string[] settings) => TestServer.StartAsync(["Chat:HttpPort=0", .. settings]);

    [Fact]
    public async Task The_handshake_agrees_on_the_subprotocol_and_the_greeting_comes_one_json_object_per_frame()
    {
        await using var server = await StartAsync();
        await using var client = await WsClient.ConnectAsync(server);
        Assert.Equal("actorchat.v1", client.Socket.SubProtocol);
        var greeting = await client.ExpectAsync(e => WsClient.Type(e) == "info");
        Assert.StartsWith("Welcome to ActorChat", WsClient.Text(greeting), StringComparison.Ordinal);
        await client.ExpectTextAsync("info", "Choose a nick:");
        Assert.All(client.RawFrames, f => Assert.False(f.Contains('\r') || f.Contains('\n'), $"a frame holds a line end: {f}"));
        Assert.Equal(2, client.RawFrames.Count);
    }

    [Fact]
    public async Task A_handshake_without_the_subprotocol_is_refused()
    {
        await using var server = await StartAsync();
        using var socket = WsClient.NewSocket($"http://127.0.0.1:{server.HttpPort}", subProtocol: null);
        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(WsClient.WsUri(server), CancellationToken.None));
        Assert.Equal(HttpStatusCode.BadRequest, socket.HttpStatusCode);
    }

    [Fact]
    public async Task A_page_from_another_origin_is_refused()
    {
        await using var server = await StartAsync();
        using var socket = WsClient.NewSocket("http://evil.example");
        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(WsClient.WsUri(server), CancellationToken.None));
        Assert.Equal(HttpStatusCode.Forbidden, socket.HttpStatusCode);
        // The server's own origin, and no origin at all (not a browser), are let in.
        await using var own = await WsClient.ConnectAsync(server);
        await using var bot = await WsClient.ConnectAsync(server, origin: null);
        await own.ExpectTextAsync("info", "Choose a nick:");
        await bot.ExpectTextAsync("info", "Choose a nick:");
    }

    [Fact]
    public async Task AllowedOrigins_lets_the_listed_origins_in_and_only_them()
    {
        await using var server = await StartAsync("Chat:AllowedOrigins=https://chat.example, http://localhost:3000");
        await using var listed = await WsClient.ConnectAsync(server, origin: "https://chat.example");
        await listed.ExpectTextAsync("info", "Choose a nick:");
        using var own = WsClient.NewSocket($"http://127.0.0.1:{server.HttpPort}");
        await Assert.ThrowsAsync<WebSocketException>(() => own.ConnectAsync(WsClient.WsUri(server), CancellationToken.None));
        Assert.Equal(HttpStatusCode.Forbidden, own.HttpStatusCode);
    }

    [Fact]
    public async Task A_frame_over_MaxLineBytes_gets_a_clear_error_and_close_1009_and_others_go_on()
    {
        await using var server = await StartAsync("Chat:MaxLineBytes=64");
        var alice = await server.LoginAsync("alice");
        await using var web = await WsClient.LoginAsync(server, "web");
        await alice.ExpectAsync("#lobby -> web joined");
        await web.SendAsync(new string('x', 65));
        await web.ExpectTextAsync("error", "line too long (max 64 bytes)");
        Assert.Equal(WebSocketCloseStatus.MessageTooBig, await web.ClosedAsync());
        await alice.ExpectAsync("#lobby <- web left (connection closed)");
        await alice.SendAsync("/ping still");
        await alice.ExpectAsync("* pong still");
    }

    [Fact]
    public async Task A_frame_of_exactly_MaxLineBytes_is_a_line()
    {
        await using var server = await StartAsync("Chat:MaxLineBytes=64");
        await using var web = await WsClient.LoginAsync(server, "web");
        var text = new string('y', 64);
        await web.SendAsync(text);
        await web.ExpectAsync(e => WsClient.Type(e) == "message" && WsClient.Text(e) == text);
    }

    [Fact]
    public async Task A_binary_frame_gets_a_clear_error_and_close_1003()
    {
        await using var server = await StartAsync();
        await using var web = await WsClient.LoginAsync(server, "web");
        await web.SendAsync([1, 2, 3], WebSocketMessageType.Binary);
        await web.ExpectTextAsync("error", "binary frames are not accepted: send each command as a text frame");
        Assert.Equal(WebSocketCloseStatus.InvalidMessageType, await web.ClosedAsync());
    }

    [Fact]
    public async Task A_text_frame_that_is_not_utf8_is_closed_with_1007()
    {
        await using var server = await StartAsync();
        await using var web = await WsClient.LoginAsync(server, "web");
        await web.SendAsync([0x68, 0xff, 0xfe]);
        Assert.Equal(WebSocketCloseStatus.InvalidPayloadData, await web.ClosedAsync());
    }

    [Fact]
    public async Task A_socket_without_a_nick_is_closed_at_the_registration_timeout_with_1000()
    {
        await using var server = await StartAsync("Chat:RegistrationTimeoutSeconds=1");
        await using var web = await WsClient.ConnectAsync(server);
        await web.ExpectTextAsync("error", "registration timeout");
        Assert.Equal(WebSocketCloseStatus.NormalClosure, await web.ClosedAsync());
    }

    [Fact]
    public async Task A_browser_that_does_not_read_is_cut_like_a_slow_tcp_client_and_learns_why()
    {
        await using var server = await StartAsync("Chat:FloodLinesPerSecond=0", "Chat:SendQueueLines=16", "Chat:HistoryOnJoin=5");
        var bob = await server.LoginAsync("bob");
        await using var slow = await WsClient.ConnectAsync(server, read: false);
        await slow.SendAsync("slow");
        await bob.ExpectAsync("#lobby -> slow joined");
        await bob.SayUntilAsync("#lobby <- slow left (send queue exceeded)");
        slow.StartReading();
        await slow.ExpectTextAsync("error", "send queue exceeded");
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, await slow.ClosedAsync());
    }

    [Fact]
    public async Task Commands_are_the_line_protocols_and_answers_are_json_events()
    {
        await using var server = await StartAsync();
        await using var web = await WsClient.LoginAsync(server, "web");
        await web.SendAsync("/ping tok");
        Assert.Equal("tok", (await web.ExpectAsync(e => WsClient.Type(e) == "pong")).GetProperty("token").GetString());
        await web.SendAsync("/join dev");
        var join = await web.ExpectAsync(e => WsClient.Type(e) == "join");
        Assert.Equal(("dev", "web"), (join.GetProperty("room").GetString(), join.GetProperty("nick").GetString()));
        await web.SendAsync("/who");
        var who = await web.ExpectAsync(e => WsClient.Type(e) == "who");
        Assert.Equal(["web"], who.GetProperty("nicks").EnumerateArray().Select(n => n.GetString()));
        await web.SendAsync("/me waves");
        var action = await web.ExpectAsync(e => WsClient.Type(e) == "action");
        Assert.Equal("waves", WsClient.Text(action));
        await web.SendAsync("/frobnicate");
        await web.ExpectTextAsync("error", "unknown command /frobnicate (try /help)");
        await web.SendAsync("/help");
        await web.ExpectTextAsync("info", "Commands:");
        await web.SendAsync("/quit bye now");
        await web.ExpectTextAsync("info", "bye");
        Assert.Equal(WebSocketCloseStatus.NormalClosure, await web.ClosedAsync());
    }

    [Fact]
    public async Task A_taken_nick_is_refused_and_the_next_frame_is_again_the_nick()
    {
        await using var server = await StartAsync();
        _ = await server.LoginAsync("alice");
        await using var web = await WsClient.ConnectAsync(server);
        await web.SendAsync("alice");
        await web.ExpectAsync(e => WsClient.Type(e) == "error" && WsClient.Text(e)!.StartsWith("nick 'alice' is taken", StringComparison.Ordinal));
        await web.SendAsync("alice2");
        Assert.Equal("alice2", (await web.ExpectAsync(e => WsClient.Type(e) == "welcome")).GetProperty("nick").GetString());
    }

    [Fact]
    public async Task A_web_user_and_a_line_protocol_user_chat_both_ways()
    {
        await using var server = await StartAsync();
        var alice = await server.LoginAsync("alice");
        await using var web = await WsClient.LoginAsync(server, "web");
        await alice.ExpectAsync("#lobby -> web joined");
        await web.SendAsync("hello from the browser ☃");
        await alice.ExpectAsync("#lobby <web> hello from the browser ☃");
        // Own messages echo, as in /json mode, so a page shows exactly what the room saw.
        await web.ExpectAsync(e => WsClient.Type(e) == "message" && WsClient.Text(e) == "hello from the browser ☃");
        await alice.SendAsync("hello from nc");
        var said = await web.ExpectAsync(e => WsClient.Type(e) == "message" && e.GetProperty("nick").GetString() == "alice");
        Assert.Equal("hello from nc", WsClient.Text(said));
        await alice.SendAsync("/msg web psst");
        var pm = await web.ExpectAsync(e => WsClient.Type(e) == "pm");
        Assert.Equal(("alice", "psst"), (pm.GetProperty("from").GetString(), WsClient.Text(pm)));
    }

    [Theory]
    [InlineData(100)]       // a frame length in one byte
    [InlineData(1000)]      // in two
    [InlineData(70_000)]    // in eight
    public async Task Messages_of_every_frame_length_form_arrive_whole(int length)
    {
        await using var server = await StartAsync("Chat:MaxLineBytes=100000", "Chat:SendQueueBytes=8388608", "Chat:FloodLinesPerSecond=0");
        var alice = await server.LoginAsync("alice");
        await using var web = await WsClient.LoginAsync(server, "web");
        await alice.ExpectAsync("#lobby -> web joined");
        var text = new string('z', length);
        await alice.SendAsync(text);
        await alice.SendAsync("after it");
        var said = await web.ExpectAsync(e => WsClient.Type(e) == "message" && e.GetProperty("nick").GetString() == "alice");
        Assert.Equal(text, WsClient.Text(said));
        Assert.Equal("after it", WsClient.Text(await web.ExpectAsync(e => WsClient.Type(e) == "message")));
    }

    [Fact]
    public async Task A_frame_is_sanitised_like_a_line_and_one_frame_is_one_line()
    {
        await using var server = await StartAsync();
        var alice = await server.LoginAsync("alice");
        await using var web = await WsClient.LoginAsync(server, "web");
        await alice.ExpectAsync("#lobby -> web joined");
        await web.SendAsync("red \u001b[31mtext\u0007\r\n/quit not a command");
        await alice.ExpectAsync("#lobby <web> red text/quit not a command");
    }

    [Fact]
    public async Task History_comes_on_join_marked_as_history()
    {
        await using var server = await StartAsync();
        var alice = await server.LoginAsync("alice");
        await alice.SendAsync("before the browser came");
        await using var web = await WsClient.ConnectAsync(server);
        await web.SendAsync("web");
        await web.ExpectAsync(e => WsClient.Type(e) == "welcome");
        var old = await web.ExpectAsync(e => WsClient.Type(e) == "message");
        Assert.Equal("before the browser came", WsClient.Text(old));
        Assert.True(old.GetProperty("history").GetBoolean());
    }

    [Fact]
    public async Task Past_the_per_address_limit_a_socket_is_told_why_and_closed_with_1013()
    {
        await using var server = await StartAsync("Chat:MaxConnectionsPerAddress=1");
        var alice = await server.LoginAsync("alice");
        await using var web = await WsClient.ConnectAsync(server);
        await web.ExpectAsync(e => WsClient.Type(e) == "error" && WsClient.Text(e)!.StartsWith("too many connections", StringComparison.Ordinal));
        Assert.Equal((WebSocketCloseStatus)1013, await web.ClosedAsync());
        await alice.SendAsync("/ping ok");
        await alice.ExpectAsync("* pong ok");
    }

    [Fact]
    public async Task On_shutdown_a_browser_is_told_and_closed()
    {
        var server = await StartAsync();
        await using (server)
        {
            await using var web = await WsClient.LoginAsync(server, "web");
            var stopping = server.StopAsync();
            await web.ExpectTextAsync("info", "server shutting down");
            Assert.Equal(WebSocketCloseStatus.NormalClosure, await web.ClosedAsync());
            await stopping.WaitAsync(TimeSpan.FromSeconds(5));
        }
    }

    [Fact]
    public async Task A_plain_get_of_ws_is_told_it_is_a_websocket_endpoint()
    {
        await using var server = await StartAsync();
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false });
        using var answer = await http.GetAsync(new Uri(server.Http, "/ws"));
        Assert.Equal(HttpStatusCode.UpgradeRequired, answer.StatusCode);
        Assert.Contains("actorchat.v1", await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
