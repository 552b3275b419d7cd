using System.Diagnostics;

namespace ActorChat.Server.Tests.Support;

/// <summary>
/// System programs a test needs. Missing ones are installed with apt-get when the tests run as root;
/// otherwise the test is skipped with the reason, except under CI=true, where it runs and fails.
/// </summary>
internal static class SystemTools
{
    private static readonly Lock Installing = new();

    public static bool IsInstalled(string command) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Any(dir => File.Exists(Path.Combine(dir, command)));

    /// <summary>Null when the test can run (or must, under CI); else why it is skipped.</summary>
    public static string? SkipReason(IEnumerable<string> commands)
    {
        var missing = commands.Where(c => !IsInstalled(c)).ToList();
        if (missing.Count == 0 || Environment.GetEnvironmentVariable("CI") == "true" || CanInstall)
        {
            return null;
        }
        return $"needs {string.Join(" and ", missing)}: not installed, and not root to apt-get install it (.ci/run installs it)";
    }

    /// <summary>Installs the packages of the missing commands; throws when that is impossible or fails.</summary>
    public static void Ensure(params (string Command, string Package)[] tools)
    {
        lock (Installing)
        {
            var missing = tools.Where(t => !IsInstalled(t.Command)).ToList();
            if (missing.Count == 0)
            {
                return;
            }
            var names = string.Join(" ", missing.Select(t => t.Package));
            if (!CanInstall)
            {
                throw new InvalidOperationException($"missing {names}, and not root to apt-get install it");
            }
            AptGet("update", "-qq");
            AptGet(["install", "-y", "-qq", .. missing.Select(t => t.Package)]);
        }
    }

    private static bool CanInstall => Environment.IsPrivilegedProcess && IsInstalled("apt-get");

    private static void AptGet(params string[] args)
    {
        var start = new ProcessStartInfo("apt-get") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["DEBIAN_FRONTEND"] = "noninteractive";
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"apt-get {string.Join(' ', args)} failed ({process.ExitCode}): {error}{output.Result}");
        }
    }
}

/// <summary>A fact that needs system programs: skipped with the reason when they are missing and cannot be installed.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class FactNeedingAttribute : FactAttribute
{
    public FactNeedingAttribute(params string[] commands)
    {
        Commands = commands;
        Skip = SystemTools.SkipReason(commands);
    }

    public IReadOnlyList<string> Commands { get; }
}
