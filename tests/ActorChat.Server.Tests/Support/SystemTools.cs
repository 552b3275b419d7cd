using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace ActorChat.Server.Tests.Support;

/// <summary>
/// System programs a test needs (telnet, tmux, iptables, chromium...). Missing ones are installed
/// with apt-get when the tests run as root; otherwise the test is skipped with the reason, except
/// under CI=true, where it runs and fails, so CI always runs it.
/// </summary>
internal static class SystemTools
{
    private static readonly Lock Installing = new();

    /// <summary>A harmless run that shows a tool can do its job here (iptables: the kernel's tables and the rights to them).</summary>
    private static readonly Dictionary<string, string[]> Probes = new()
    {
        ["iptables"] = ["-S", "INPUT"],
        ["tmux"] = ["-V"],
    };

    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static bool IsInstalled(string command) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Any(dir => File.Exists(Path.Combine(dir, command)));

    /// <summary>Null when the test can run (or must, under CI); else why it is skipped.</summary>
    public static string? SkipReason(IEnumerable<string> commands)
    {
        if (InCi)
        {
            return null;
        }
        var missing = commands.Where(c => !IsInstalled(c)).ToList();
        if (missing.Count > 0 && !CanInstall)
        {
            return $"needs {string.Join(" and ", missing)}: not installed, and not root to apt-get install it (.ci/run installs it)";
        }
        try
        {
            Require([.. commands]);     // installed now if it can be; a tool that still cannot run is a reason to skip
            return null;
        }
        catch (InvalidOperationException e)
        {
            return e.Message;
        }
    }

    /// <summary>Installs the packages of the missing commands; throws when that is impossible or fails, or a tool does not work.</summary>
    public static void Ensure(params (string Command, string Package)[] tools)
    {
        lock (Installing)
        {
            var missing = tools.Where(t => !IsInstalled(t.Command)).ToList();
            if (missing.Count > 0)
            {
                var names = string.Join(" ", missing.Select(t => t.Package));
                if (!CanInstall)
                {
                    throw new InvalidOperationException($"missing {names}, and not root to apt-get install it");
                }
                Run("apt-get", "update", "-qq");
                Run("apt-get", ["install", "-y", "-qq", .. missing.Select(t => t.Package)]);
                if (tools.FirstOrDefault(t => !IsInstalled(t.Command)) is { Command: var still })
                {
                    throw new InvalidOperationException($"{still} is not on the PATH even after apt-get installed its package");
                }
            }
        }
        foreach (var (command, _) in tools)
        {
            if (Probe(command) is { } failure)
            {
                throw new InvalidOperationException($"{command} does not work here: {failure}");
            }
        }
    }

    /// <summary>Installs each command from the package of the same name; see <see cref="Ensure"/>.</summary>
    public static void Require(params string[] commands) => Ensure([.. commands.Select(c => (c, c))]);

    private static bool CanInstall => Environment.IsPrivilegedProcess && IsInstalled("apt-get");

    private static string? Probe(string command)
    {
        if (!Probes.TryGetValue(command, out var args))
        {
            return null;
        }
        try
        {
            Run(command, args);
            return null;
        }
        catch (InvalidOperationException e)
        {
            return e.Message;
        }
    }

    private static void Run(string command, params string[] args)
    {
        var start = new ProcessStartInfo(command) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["DEBIAN_FRONTEND"] = "noninteractive";
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{command} {string.Join(' ', args)} did not finish in 5 minutes");
        }
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{command} {string.Join(' ', args)} failed ({process.ExitCode}): {error}{output.Result}");
        }
    }
}

/// <summary>
/// A fact that needs system programs: skipped with the reason when they are missing and cannot be
/// installed (the reason is in its name too: the runner shows a skip's reason only when verbose).
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class FactNeedingAttribute : FactAttribute
{
    public FactNeedingAttribute(string[] commands, [CallerMemberName] string test = "")
    {
        if (SystemTools.SkipReason(commands) is { } reason)
        {
            Skip = reason;
            DisplayName = $"{test} (skipped: {reason})";
        }
    }

    public FactNeedingAttribute(string command, [CallerMemberName] string test = "")
        : this([command], test)
    {
    }
}
