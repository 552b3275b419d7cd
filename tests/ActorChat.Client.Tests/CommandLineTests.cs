using System.Diagnostics;
using ActorChat.Server.Tests.Support;

namespace ActorChat.Client.Tests;

/// <summary>The client's command line, as a person reads it.</summary>
public class CommandLineTests
{
    [Fact]
    public async Task Help_names_each_value_for_what_it_is()
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "actorchat.dll"));
        start.ArgumentList.Add("--help");
        using var process = Process.Start(start)!;
        var help = await process.StandardOutput.ReadToEndAsync().WaitAsync(TestClient.Timeout);
        await process.WaitForExitAsync();
        Assert.Contains("--udp <ROOM>", help, StringComparison.Ordinal);        // was "--udp <udp>"
        Assert.Contains("--udp-port <PORT>", help, StringComparison.Ordinal);
        Assert.Contains("--nick <NICK>", help, StringComparison.Ordinal);
        Assert.Contains("--no-bell", help, StringComparison.Ordinal);
        Assert.Contains("--fingerprint <SHA256>", help, StringComparison.Ordinal);
    }
}
