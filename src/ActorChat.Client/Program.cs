using System.CommandLine;
using ActorChat.Client.Sessions;
using ActorChat.Client.Terminal;

var host = new Option<string>("--host") { HelpName = "HOST", Description = "server to connect to", DefaultValueFactory = _ => "localhost" };
var port = new Option<int>("--port") { HelpName = "PORT", Description = "its TCP chat port", DefaultValueFactory = _ => 9999 };
var nick = new Option<string?>("--nick") { HelpName = "NICK", Description = "your nick; asked for when not given (needed in script mode)" };
var json = new Option<bool>("--json") { Description = "script mode: print the server's NDJSON lines as they come" };
var noColor = new Option<bool>("--no-color") { Description = "no colours (also when NO_COLOR is set or output is not a terminal)" };
var noBell = new Option<bool>("--no-bell") { Description = "no terminal bell on mentions and private messages" };
var tls = new Option<bool>("--tls") { Description = "connect over TLS (the system's certificate authorities decide, or --fingerprint)" };
var fingerprint = new Option<string?>("--fingerprint") { HelpName = "SHA256", Description = "trust the server certificate with this SHA-256 (hex, colons allowed); implies --tls" };
var passwordFile = new Option<string?>("--password-file") { HelpName = "FILE", Description = "what /identify sends as your password (and the password of a registered --nick at the start), instead of asking with no echo" };
var udp = new Option<string?>("--udp") { HelpName = "ROOM", Description = "lossy mode: listen to ROOM over UDP, counting lost datagrams" };
var udpPort = new Option<int?>("--udp-port") { HelpName = "PORT", Description = "the server's UDP port (default: the TCP port)" };

var root = new RootCommand("""
    actorchat: the ActorChat terminal client.

    Interactive when standard input is a terminal: full screen, one window per room and per private
    conversation (Alt+1..9, Ctrl+N/P, /win N), a status line, scrollback (PgUp/PgDn), readline keys
    and history kept in $XDG_DATA_HOME/actorchat/history; /help lists commands and keys. When the
    connection drops it reconnects by itself, takes your nick back and rejoins your rooms.

    Script mode when standard input is not a terminal: each input line is sent as typed, what the
    server sends is printed (plain text, or NDJSON with --json), and at the end of input the client
    waits for the server to handle it all and quits:  echo hello | actorchat --nick bot

    Exit codes: 0 done, 1 connection lost (script mode), 2 bad arguments, 3 cannot connect or
    refused by the server, 4 nick refused.
    """)
{
    host, port, nick, json, noColor, noBell, tls, fingerprint, passwordFile, udp, udpPort,
};

var parsed = root.Parse(args);
if (parsed.Errors.Count > 0)
{
    foreach (var error in parsed.Errors)
    {
        Console.Error.WriteLine($"actorchat: {error.Message}");
    }
    Console.Error.WriteLine("try actorchat --help");
    return ExitCodes.BadArguments;
}
root.SetAction(async (result, cancellationToken) =>
{
    var color = !result.GetValue(noColor) && Environment.GetEnvironmentVariable("NO_COLOR") is null or "" && !Console.IsOutputRedirected;
    var options = new ClientOptions(result.GetValue(host)!, result.GetValue(port), result.GetValue(nick), result.GetValue(json), color,
        UdpRoom: result.GetValue(udp), UdpPort: result.GetValue(udpPort))
    {
        Bell = !result.GetValue(noBell),
        Tls = result.GetValue(tls) || result.GetValue(fingerprint) is not null,
        Fingerprint = result.GetValue(fingerprint),
        PasswordFile = result.GetValue(passwordFile),
        HistoryFile = InputHistory.DefaultFile(),
    };
    if (options.UdpRoom is not null)
    {
        // Ctrl+C ends the listening, not the process, so that the loss summary is printed.
        var interrupted = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            interrupted.Cancel();
        };
        return await new LossyListener(options, Console.Out).RunAsync(interrupted.Token);
    }
    if (Console.IsInputRedirected)
    {
        return await new ScriptSession(options, Console.In, Console.Out, Console.Error).RunAsync(cancellationToken);
    }
    return await new TerminalSession(options).RunAsync(cancellationToken);
});
// No termination handling by System.CommandLine: it would end the process at Ctrl+C before --udp
// prints its summary. Interactive mode reads Ctrl+C as a key; script mode ends at once, as before.
return await parsed.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
