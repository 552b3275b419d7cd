using System.Reflection;
using ActorChat.Core;

namespace ActorChat.Server.Hosting;

/// <summary>
/// The server's command line, checked before anything starts: the short flags, any <c>Chat</c>
/// setting as <c>--Chat:Name=value</c>, <c>--help</c>, <c>--version</c>, and the operator's
/// <c>export</c> command. Anything else is refused, so a typo (<c>--prot 7100</c>, <c>-p 7100</c>)
/// is not silently ignored.
/// </summary>
internal static class CommandLine
{
    public static readonly Dictionary<string, string> ShortFlags = new()
    {
        ["--port"] = "Chat:Port",
        ["--udp-port"] = "Chat:UdpPort",
        ["--bind"] = "Chat:Bind",
        ["--tls-port"] = "Chat:TlsPort",
        ["--http-port"] = "Chat:HttpPort",
        ["--irc-port"] = "Chat:IrcPort",
        ["--ircs-port"] = "Chat:IrcTlsPort",
    };

    public const string Usage = """
        usage: actorchat-server [--port P] [--udp-port P] [--tls-port P] [--http-port P] [--irc-port P] [--ircs-port P] [--bind ADDRESS] [--Chat:Name=value ...]
               actorchat-server export --room ROOM [--since DATE] [--Chat:Name=value ...]
          --port P           TCP chat port (default 9999; 0 picks a free one)
          --udp-port P       UDP mirror port (default: the TCP port; -1 turns UDP off)
          --tls-port P       TLS chat port (default 9998; -1 turns TLS off)
          --http-port P      web client, /ws, /metrics (default 8080; -1 turns HTTP off)
          --irc-port P       IRC port (default 6667; 0 picks a free one; -1 turns IRC off)
          --ircs-port P      IRC over TLS port (default 6697; -1 turns it off)
          --bind ADDRESS     address or host name every port binds to (default 0.0.0.0)
          --Chat:Name=value  any setting of the Chat section (README, "Settings")
          --help             this text
          --version          the server's version
          export             writes ROOM's stored history to standard output, one JSON object a
                             line (JSON mode's history objects), oldest first, from DATE on (UTC:
                             2026-11-01 or 2026-11-01T12:00:00Z); safe beside a running server

        """;

    public static string Version { get; } =
        typeof(CommandLine).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    internal enum Action
    {
        Run,
        Help,
        Version,
        Export,
    }

    /// <summary>What <c>export</c> asks for; the settings name the database.</summary>
    internal sealed record ExportRequest(string Room, DateTime? Since, string[] Settings);

    /// <summary>What the command line asks for, or the first thing wrong with it.</summary>
    public static (Action Action, string? Error) Read(IReadOnlyList<string> args)
    {
        if (args.Count > 0 && args[0] == "export")
        {
            var (_, error) = ReadExport(args);
            return (Action.Export, error);
        }
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg is "--help" or "-h")
            {
                return (Action.Help, null);
            }
            if (arg == "--version")
            {
                return (Action.Version, null);
            }
            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? arg : arg[..equals];
            if (!IsKnown(name))
            {
                return (Action.Run, $"unknown option {name}");
            }
            if (equals < 0 && ++i == args.Count)
            {
                return (Action.Run, $"{name} needs a value");
            }
        }
        return (Action.Run, null);
    }

    /// <summary>"export --room ROOM [--since DATE] [--Chat:Name=value ...]", or the first thing wrong with it.</summary>
    public static (ExportRequest? Request, string? Error) ReadExport(IReadOnlyList<string> args)
    {
        string? room = null;
        DateTime? since = null;
        var settings = new List<string>();
        for (var i = 1; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg is "--room" or "--since")
            {
                if (++i == args.Count)
                {
                    return (null, $"{arg} needs a value");
                }
                if (arg == "--room")
                {
                    room = args[i].TrimStart('#');
                }
                else if (DateTime.TryParse(args[i], System.Globalization.CultureInfo.InvariantCulture,
                    System.Globalization.DateTimeStyles.AssumeUniversal | System.Globalization.DateTimeStyles.AdjustToUniversal, out var date))
                {
                    since = date;
                }
                else
                {
                    return (null, $"--since needs a date (2026-11-01 or 2026-11-01T12:00:00Z), not '{args[i]}'");
                }
            }
            else if (arg.Split('=', 2) is [var name, _] && !ShortFlags.ContainsKey(name) && IsKnown(name))
            {
                settings.Add(arg);
            }
            else
            {
                return (null, $"export: unknown option {arg}");
            }
        }
        return room is null or "" ? (null, "export needs --room ROOM") : (new ExportRequest(room, since, [.. settings]), null);
    }

    private static bool IsKnown(string name) =>
        ShortFlags.ContainsKey(name)
        || (name.StartsWith("--" + ChatOptions.Section + ":", StringComparison.OrdinalIgnoreCase)
            && Settings.Find(name[(ChatOptions.Section.Length + 3)..]) is not null);
}
