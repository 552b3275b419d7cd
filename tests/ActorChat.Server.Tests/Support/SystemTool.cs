using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace ActorChat.Server.Tests.Support;

/// <summary>
/// A system tool a test needs (iptables, tmux): brought up when missing (apt-get, when running as
/// root), else the test is skipped with the reason. Under <c>CI=true</c> it is never skipped: a
/// missing tool fails the test, so CI always runs it.
/// </summary>
internal static class SystemTool
{
    private static readonly ConcurrentDictionary<string, Lazy<string?>> Problems = new();

    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Null when <paramref name="command"/> works (installed now if it has to be), else why not.</summary>
    /// <param name="command">The tool.</param>
    /// <param name="package">Its Debian package.</param>
    /// <param name="probe">Arguments for a harmless run that shows the tool can do its job here (iptables: the kernel's tables and the rights to them).</param>
    public static string? Problem(string command, string package, params string[] probe) =>
        Problems.GetOrAdd(command, _ => new Lazy<string?>(() => BringUp(command, package, probe))).Value;

    /// <summary>Fails the test with the reason when the tool cannot be brought up.</summary>
    public static void Require(string command, string package, params string[] probe)
    {
        if (Problem(command, package, probe) is { } problem)
        {
            throw new InvalidOperationException(problem);
        }
    }

    private static string? BringUp(string command, string package, string[] probe)
    {
        if (!Installed(command))
        {
            if (Environment.UserName != "root" || !Installed("apt-get"))
            {
                return $"{command} is not installed (apt-get install {package}, as root)";
            }
            if (Run("apt-get", "install", "-y", "-qq", package) is not null && Run("apt-get", "update", "-qq") is null)
            {
                _ = Run("apt-get", "install", "-y", "-qq", package);     // the package lists were missing or stale
            }
            if (!Installed(command))
            {
                return $"{command} is not installed and apt-get could not install {package}";
            }
        }
        return Run(command, probe) is { } failure ? $"{command} does not work here: {failure}" : null;
    }

    private static bool Installed(string command) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(d => File.Exists(Path.Combine(d, command)));

    /// <summary>Null when the command ran and succeeded, else what went wrong.</summary>
    private static string? Run(string command, params string[] args)
    {
        if (!Installed(command))
        {
            return $"{command} is not installed";
        }
        var start = new ProcessStartInfo(command) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            return $"{command} {string.Join(' ', args)} did not finish in 5 minutes";
        }
        _ = output.Result;
        return process.ExitCode == 0 ? null : $"{command} {string.Join(' ', args)} failed: {error.Result.Trim()}";
    }
}

/// <summary>A fact that needs a system tool: skipped with the reason when it cannot be brought up, except under CI=true.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class FactNeedingAttribute : FactAttribute
{
    public FactNeedingAttribute(string command, string package, string[]? probe = null, [CallerMemberName] string test = "")
    {
        if (!SystemTool.InCi && SystemTool.Problem(command, package, probe ?? []) is { } problem)
        {
            Skip = problem;
            DisplayName = $"{test} (skipped: {problem})";     // the runner shows a skip's reason only at higher verbosity, its name always
        }
    }
}
