using System.Globalization;
using System.Net;
using System.Net.Sockets;
using ActorChat.Server.Tests.Support;

namespace ActorChat.Server.Tests.Integration;

/// <summary>Starting the real server binary as an operator would: refusals, flags, the log.</summary>
public class StartupTests
{
    private static readonly string LogDirectory = Path.Combine(AppContext.BaseDirectory, "logs");

    [Fact]
    public async Task A_second_server_on_a_tcp_port_in_use_is_refused_naming_the_port()
    {
        await using var first = await ServerProcess.StartAsync("--udp-port", "-1");
        var port = first.Port.ToString(CultureInfo.InvariantCulture);

        var second = await ServerProcess.RunToExitAsync("--port", port, "--udp-port", "-1", "--bind", "127.0.0.1", "--tls-port", "-1", "--http-port", "-1", "--irc-port", "-1", "--ircs-port", "-1");

        AssertRefused(second, $"! port {port}/tcp is in use");
        AssertLogged(port, $"! port {port}/tcp is in use");
        var client = await TestClient.ConnectAsync(first.Port);     // the first server is untouched
        await client.ExpectAsync("* Choose a nick:");
        await client.DisposeAsync();
    }

    [Fact]
    public async Task A_udp_port_in_use_is_refused_naming_the_port()
    {
        await using var first = await ServerProcess.StartAsync();
        var udp = first.UdpPort.ToString(CultureInfo.InvariantCulture);

        var second = await ServerProcess.RunToExitAsync("--port", "0", "--udp-port", udp, "--bind", "127.0.0.1", "--tls-port", "-1", "--http-port", "-1", "--irc-port", "-1", "--ircs-port", "-1");

        AssertRefused(second, $"! port {udp}/udp is in use");
    }

    [Fact]
    public async Task A_restarted_server_binds_its_port_again_over_connections_of_the_last_run_in_time_wait()
    {
        int port;
        await using (var first = await ServerProcess.StartAsync("--udp-port", "-1"))
        {
            port = first.Port;
            var client = await TestClient.ConnectAsync(port);
            await client.ExpectAsync("* Choose a nick:");
            first.Terminate();
            Assert.Equal(["* server shutting down"], await client.ReadToEndAsync());
            await client.DisposeAsync();     // the server closed first: its side waits in TIME_WAIT
            Assert.Equal(0, await first.WaitForExitAsync());
        }
        Assert.True(InTimeWait(port), $"no connection on port {port} in TIME_WAIT: the test proves nothing");

        await using var second = await ServerProcess.StartAsync("--port", port.ToString(CultureInfo.InvariantCulture), "--udp-port", "-1");

        Assert.Equal(port, second.Port);
    }

    [Theory]
    [InlineData("! Chat:Port must be a whole number, not 'abc'", "--port", "abc")]
    [InlineData("! Chat:UdpPort must be a whole number, not 'x'", "--Chat:UdpPort=x")]
    [InlineData("! invalid settings: MaxLineBytes must be at least 16", "--Chat:MaxLineBytes=1")]
    [InlineData("! invalid settings: Bind must be an IP address or a host name that resolves, not 'no-such-host.invalid'", "--bind", "no-such-host.invalid")]
    [InlineData("! invalid settings: HistoryOnJoin + 2 must be less than SendQueueLines, and HistoryOnJoin x 3 x MaxLineBytes at most SendQueueBytes", "--Chat:SendQueueLines=16")]
    public async Task A_bad_value_is_refused_in_one_line_naming_the_setting(string expected, params string[] args)
    {
        var run = await ServerProcess.RunToExitAsync(["--port", "0", "--udp-port", "-1", "--tls-port", "-1", "--http-port", "-1", "--irc-port", "-1", "--ircs-port", "-1", .. args]);

        AssertRefused(run, expected);
    }

    [Theory]
    [InlineData("-p", "7100")]
    [InlineData("--prot", "7100")]
    [InlineData("--Chat:Prot=7100")]
    public async Task An_unknown_flag_is_refused_with_the_usage(params string[] args)
    {
        var run = await ServerProcess.RunToExitAsync(args);

        Assert.Equal(2, run.ExitCode);
        var lines = Lines(run.Error);
        Assert.Equal($"! unknown option {args[0].Split('=')[0]}", lines[0]);
        Assert.Contains(lines, l => l.StartsWith("usage: actorchat-server", StringComparison.Ordinal));
        Assert.Empty(run.Out);
    }

    [Fact]
    public async Task Help_and_version_answer_on_standard_output()
    {
        var help = await ServerProcess.RunToExitAsync("--help");
        var version = await ServerProcess.RunToExitAsync("--version");

        Assert.Equal(0, help.ExitCode);
        Assert.StartsWith("usage: actorchat-server", help.Out, StringComparison.Ordinal);
        Assert.Contains("--udp-port", help.Out, StringComparison.Ordinal);
        Assert.Equal(0, version.ExitCode);
        Assert.Matches(@"^actorchat-server \d+\.\d+\.\d+\S*\n$", version.Out);
    }

    [Fact]
    public async Task A_host_name_to_bind_is_resolved()
    {
        await using var server = await ServerProcess.StartExactlyAsync(null, "--port", "0", "--udp-port", "-1", "--bind", "localhost", "--tls-port", "-1", "--http-port", "-1", "--irc-port", "-1", "--ircs-port", "-1");

        Assert.Matches(@"^listening tcp=127\.0\.0\.1:\d+ udp=off tls=off http=off irc=off ircs=off$", server.ListeningLine);
        var client = await TestClient.ConnectAsync(server.Port);
        await client.ExpectAsync("* Choose a nick:");
        await client.DisposeAsync();
    }

    [Fact]
    public async Task Unless_set_the_udp_port_follows_the_tcp_port_and_the_log_file_is_named_after_it()
    {
        var port = FreePort().ToString(CultureInfo.InvariantCulture);

        await using var server = await ServerProcess.StartExactlyAsync(null, "--port", port, "--bind", "127.0.0.1", "--tls-port", "-1", "--http-port", "-1", "--irc-port", "-1", "--ircs-port", "-1");

        Assert.Equal($"listening tcp=127.0.0.1:{port} udp=127.0.0.1:{port} tls=off http=off irc=off ircs=off", server.ListeningLine);
        server.Terminate();
        Assert.Equal(0, await server.WaitForExitAsync());    // the log is flushed on exit
        AssertLogged(port, $"listening tcp=127.0.0.1:{port} udp=127.0.0.1:{port} tls=off http=off irc=off ircs=off");
    }

    [Fact]
    public async Task The_start_line_gives_version_pid_and_the_effective_settings()
    {
        await using var server = await ServerProcess.StartAsync("--Chat:HistoryLines=7");

        var log = await File.ReadAllTextAsync(server.LogPath);
        Assert.Matches($@"actorchat-server \d+\.\d+\.\d+\S* pid {server.Pid} starting: Port=0 UdpPort=0 Bind=127\.0\.0\.1 .*HistoryLines=7 ", log);
    }

    [Fact]
    public async Task The_open_file_warning_comes_only_for_an_explicit_MaxConnections_that_does_not_fit()
    {
        await using var byDefault = await ServerProcess.StartAsync(openFiles: 1024);
        await using var explicitly = await ServerProcess.StartAsync(openFiles: 1024, "--Chat:MaxConnections=5000");

        Assert.DoesNotContain("does not fit", await File.ReadAllTextAsync(byDefault.LogPath), StringComparison.Ordinal);
        Assert.Contains("(connections admitted: 768;", await File.ReadAllTextAsync(byDefault.LogPath), StringComparison.Ordinal);
        Assert.Contains("MaxConnections 5000 does not fit under the open-file limit: at most 768", await File.ReadAllTextAsync(explicitly.LogPath), StringComparison.Ordinal);
    }

    /// <summary>A refusal: exit status 2, the one expected line on standard error and no stack trace, nothing on standard output.</summary>
    private static void AssertRefused((int ExitCode, string Out, string Error) run, string expected)
    {
        Assert.True(run.ExitCode == 2, $"exit status {run.ExitCode}; standard error:\n{run.Error}");
        var lines = Lines(run.Error);
        Assert.Equal([expected], lines.Where(l => l.StartsWith('!')));
        Assert.DoesNotContain(lines, l => l.TrimStart().StartsWith("at ", StringComparison.Ordinal) || l.Contains("Exception", StringComparison.Ordinal));
        Assert.Empty(run.Out);
    }

    /// <summary>Waits (with a deadline) for the line in the port's log file: the file target writes in the background.</summary>
    private static void AssertLogged(string port, string line)
    {
        var file = Path.Combine(LogDirectory, $"actorchat-{port}.log");
        var deadline = DateTime.UtcNow + TestClient.Timeout;
        var text = "";
        while (!text.Contains(line, StringComparison.Ordinal) && DateTime.UtcNow < deadline)
        {
            if (File.Exists(file))
            {
                using var reader = new StreamReader(new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete));
                text = reader.ReadToEnd();
            }
            if (!text.Contains(line, StringComparison.Ordinal))
            {
                Thread.Sleep(100);      // polling a file: there is no event to wait for
            }
        }
        Assert.True(File.Exists(file), $"no log file {file}");
        Assert.Contains(line, text, StringComparison.Ordinal);
    }

    private static List<string> Lines(string text) => [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries)];

    /// <summary>A port free for both TCP and UDP just now.</summary>
    private static int FreePort()
    {
        while (true)
        {
            using var tcp = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            tcp.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            var port = ((IPEndPoint)tcp.LocalEndPoint!).Port;
            using var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            try
            {
                udp.Bind(new IPEndPoint(IPAddress.Loopback, port));
                return port;
            }
            catch (SocketException)
            {
                // Taken for UDP: try another.
            }
        }
    }

    /// <summary>Whether a TCP connection with local port <paramref name="port"/> is in TIME_WAIT (state 06 in /proc/net/tcp).</summary>
    private static bool InTimeWait(int port)
    {
        var local = $":{port:X4} ";
        return ((string[])["/proc/net/tcp", "/proc/net/tcp6"]).Where(File.Exists).SelectMany(File.ReadLines)
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Any(f => f.Length > 3 && (f[1] + " ").EndsWith(local, StringComparison.Ordinal) && f[3] == "06");
    }
}
