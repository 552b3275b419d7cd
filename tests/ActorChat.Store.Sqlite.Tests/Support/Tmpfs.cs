using System.Diagnostics;
using Xunit.Abstractions;

namespace ActorChat.Store.Sqlite.Tests.Support;

/// <summary>
/// A small tmpfs of its own (a real full disk, a real read-only file system). Needs root (mount);
/// elsewhere the test is skipped with its reason printed, except under CI=true, where it fails.
/// </summary>
internal sealed class Tmpfs : IDisposable
{
    private Tmpfs(string path) => Path = path;

    public string Path { get; }

    public static Tmpfs? TryMount(int sizeKilobytes, ITestOutputHelper output)
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "actorchat-tmpfs-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        var (ok, error) = Run("mount", "-t", "tmpfs", "-o", $"size={sizeKilobytes}k,mode=0700", "tmpfs", path);
        if (ok)
        {
            return new Tmpfs(path);
        }
        Directory.Delete(path);
        var reason = $"cannot mount a tmpfs (needs root): {error}";
        if (Environment.GetEnvironmentVariable("CI") == "true")
        {
            throw new InvalidOperationException(reason);
        }
        output.WriteLine("SKIPPED: " + reason);
        return null;
    }

    public void MakeReadOnly()
    {
        var (ok, error) = Run("mount", "-o", "remount,ro", Path);
        Assert.True(ok, error);
    }

    public void Dispose()
    {
        Run("umount", "-l", Path);
        Directory.Delete(Path, recursive: true);
    }

    private static (bool Ok, string Error) Run(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        try
        {
            using var process = Process.Start(start)!;
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode == 0, error.Trim());
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (false, e.Message);
        }
    }
}
