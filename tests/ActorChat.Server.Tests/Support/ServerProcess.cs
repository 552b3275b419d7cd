using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace ActorChat.Server.Tests.Support;

/// <summary>The real server binary in its own process, started as an operator would and waited for by its listening line.</summary>
internal sealed partial class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;

    private ServerProcess(Process process, string listeningLine, string logPath)
    {
        _process = process;
        ListeningLine = listeningLine;
        LogPath = logPath;
        Port = int.Parse(TcpPort().Match(listeningLine).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        UdpPort = UdpPortOf().Match(listeningLine) is { Success: true } udp ? int.Parse(udp.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : -1;
        TlsPort = TlsPortOf().Match(listeningLine) is { Success: true } tls ? int.Parse(tls.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : -1;
        IrcPort = IrcPortOf().Match(listeningLine) is { Success: true } irc ? int.Parse(irc.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : -1;
        Fingerprint = FingerprintOf().Match(listeningLine).Groups[1].Value;
    }

    /// <summary>-1 unless started with <c>--tls-port 0</c>.</summary>
    public int TlsPort { get; }

    /// <summary>The plain IRC port (on in the test defaults); -1 when off.</summary>
    public int IrcPort { get; }

    /// <summary>The TLS certificate's SHA-256 fingerprint from the listening line; empty when TLS is off.</summary>
    public string Fingerprint { get; }

    /// <summary>Where the process's log (its standard error) is written.</summary>
    public string LogPath { get; }

    public int UdpPort { get; }

    public string ListeningLine { get; }

    public int Port { get; }

    public int Pid => _process.Id;

    /// <summary>The test defaults: ports the system picks, on 127.0.0.1, no per-address limit, TLS and HTTP off, nothing kept on disk (a store test sets its own database).</summary>
    private static readonly string[] TestDefaults = ["--port", "0", "--udp-port", "0", "--bind", "127.0.0.1", "--tls-port", "-1", "--http-port", "-1", "--irc-port", "0", "--ircs-port", "-1", "--Chat:MaxConnectionsPerAddress=0", "--Chat:Database="];

    public static Task<ServerProcess> StartAsync(params string[] args) => StartAsync(openFiles: null, args);

    /// <param name="openFiles">A lower limit on open files for the process (prlimit), to make accept fail.</param>
    /// <param name="args">Arguments after the test defaults.</param>
    public static Task<ServerProcess> StartAsync(int? openFiles, params string[] args) => StartExactlyAsync(openFiles, [.. TestDefaults, .. args]);

    /// <summary>Starts the server with exactly <paramref name="args"/>, as an operator would type them.</summary>
    public static async Task<ServerProcess> StartExactlyAsync(int? openFiles, params string[] args)
    {
        var start = Launch(openFiles, args);
        var process = Process.Start(start)!;
        var logPath = Path.GetTempFileName();
        var log = new StreamWriter(logPath) { AutoFlush = true };
        process.ErrorDataReceived += (_, e) =>
        {
            lock (log)
            {
                if (e.Data is null)
                {
                    log.Dispose();
                }
                else
                {
                    log.WriteLine(e.Data);
                }
            }
        };
        process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var line = await process.StandardOutput.ReadLineAsync(timeout.Token);
        if (line is null)
        {
            // It exited before listening: say how, with what it wrote (the sync wait lets the log handler finish).
            process.WaitForExit();
            throw new InvalidOperationException($"the server did not start (exit status {process.ExitCode}): {File.ReadAllText(logPath)}");
        }
        if (!line.StartsWith("listening ", StringComparison.Ordinal))
        {
            process.Kill();
            throw new InvalidOperationException($"the server did not start: {line}");
        }
        return new ServerProcess(process, line, logPath);
    }

    /// <summary>Runs the server with exactly <paramref name="args"/> until it exits by itself (a refused start, --help).</summary>
    public static async Task<(int ExitCode, string Out, string Error)> RunToExitAsync(params string[] args)
    {
        using var process = Process.Start(Launch(openFiles: null, args))!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
            throw new TimeoutException($"the server did not exit: {string.Join(' ', args)}");
        }
        var result = (process.ExitCode, await output, await error);
        DeleteWorkingDirectory(process.StartInfo);
        return result;
    }

    private static void DeleteWorkingDirectory(ProcessStartInfo start) => Directory.Delete(start.WorkingDirectory, recursive: true);

    private static ProcessStartInfo Launch(int? openFiles, string[] args)
    {
        var start = new ProcessStartInfo(openFiles is null ? "dotnet" : "prlimit")
        {
            // A working directory of its own: a server started as an operator would keeps its default data/ there, not beside other tests'.
            WorkingDirectory = Directory.CreateTempSubdirectory("actorchat-process-").FullName,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (openFiles is { } limit)
        {
            start.ArgumentList.Add($"--nofile={limit}:{limit}");
            start.ArgumentList.Add("dotnet");
        }
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "actorchat-server.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        return start;
    }

    /// <summary>Resident memory now, from /proc.</summary>
    public long ResidentBytes()
    {
        var line = File.ReadLines($"/proc/{Pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(Digits().Match(line).Value, System.Globalization.CultureInfo.InvariantCulture) * 1024;
    }

    public void Terminate() => _ = Kill(_process.Id, 15);

    /// <summary>kill -9: no chance to drain anything.</summary>
    public void KillNow() => _process.Kill();

    public async Task<int> WaitForExitAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await _process.WaitForExitAsync(timeout.Token);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
        DeleteWorkingDirectory(_process.StartInfo);
        _process.Dispose();
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    [GeneratedRegex(@"tcp=[^ ]+:(\d+)")]
    private static partial Regex TcpPort();

    [GeneratedRegex(@"udp=[^ ]+:(\d+)")]
    private static partial Regex UdpPortOf();

    [GeneratedRegex(@"tls=[^ ]+:(\d+)")]
    private static partial Regex TlsPortOf();

    [GeneratedRegex(@"(?<![a-z])irc=[^ ]+:(\d+)")]
    private static partial Regex IrcPortOf();

    [GeneratedRegex(@"sha256=([0-9A-F:]+)")]
    private static partial Regex FingerprintOf();

    [GeneratedRegex(@"\d+")]
    private static partial Regex Digits();
}
