using System.Diagnostics;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ActorChat.Server.Tests.Support;

namespace ActorChat.Server.Tests.Integration;

/// <summary>Installs openssl for <see cref="TlsTests"/> when it is missing and it may.</summary>
public sealed class OpensslTool
{
    public OpensslTool()
    {
        if (SystemTools.SkipReason(["openssl"]) is null)
        {
            SystemTools.Ensure(("openssl", "openssl"));
        }
    }
}

/// <summary>The TLS port: the line protocol inside TLS, with a generated or a configured certificate.</summary>
public sealed class TlsTests : IClassFixture<OpensslTool>, IDisposable
{
    private readonly DirectoryInfo _scratch = Directory.CreateTempSubdirectory("actorchat-tls-");

    /// <summary>A data directory that does not exist yet, so the server makes it.</summary>
    private string DataDirectory => Path.Combine(_scratch.FullName, "data");

    public void Dispose() => _scratch.Delete(recursive: true);

    private Task<TestServer> StartAsync(params string[] settings) =>
        TestServer.StartAsync(["Chat:TlsPort=0", $"Chat:DataDirectory={DataDirectory}", .. settings]);

    [Fact]
    public async Task Chat_works_over_tls_with_the_self_signed_certificate_pinned_by_its_fingerprint()
    {
        await using var server = await StartAsync();
        var alice = await server.LoginOverTlsAsync("alice");
        var bob = await server.LoginOverTlsAsync("bob");
        await alice.ExpectAsync("#lobby -> bob joined");
        await alice.SendAsync("hello over tls");
        Assert.Equal("#lobby <alice> hello over tls", await bob.ExpectAsync(l => l.StartsWith("#lobby <alice>", StringComparison.Ordinal)));
        await bob.SendAsync("/msg alice psst");
        Assert.Equal("[pm] <bob> psst", await alice.ExpectAsync(l => l.Contains("psst", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task The_self_signed_certificate_names_localhost_and_the_loopback_addresses_and_lasts_a_year()
    {
        await using var server = await StartAsync();
        using var certificate = X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(Path.Combine(DataDirectory, "tls-certificate.pem")));
        var names = certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
        Assert.Contains("localhost", names.EnumerateDnsNames());
        Assert.Equal(["127.0.0.1", "::1"], names.EnumerateIPAddresses().Select(a => a.ToString()));
        Assert.InRange(certificate.NotAfter - certificate.NotBefore, TimeSpan.FromDays(365), TimeSpan.FromDays(366));
        Assert.Equal(server.Fingerprint.Replace(":", "", StringComparison.Ordinal), certificate.GetCertHashString(HashAlgorithmName.SHA256));
    }

    [Fact]
    public async Task The_generated_certificate_is_kept_and_reused_after_a_restart()
    {
        string first;
        await using (var server = await StartAsync())
        {
            first = server.Fingerprint;
            await server.LoginOverTlsAsync("alice");
        }
        await using var again = await StartAsync();
        Assert.Equal(first, again.Fingerprint);
        await again.LoginOverTlsAsync("alice");     // pinned to the first run's fingerprint
    }

    [Fact]
    public async Task An_expired_generated_certificate_is_replaced_at_the_next_start()
    {
        var clock = new ManualClock();
        string first;
        await using (var server = await TestServer.StartAsync(clock, "Chat:TlsPort=0", $"Chat:DataDirectory={DataDirectory}"))
        {
            first = server.Fingerprint;
        }
        clock.Advance(TimeSpan.FromDays(366));
        await using var later = await TestServer.StartAsync(clock, "Chat:TlsPort=0", $"Chat:DataDirectory={DataDirectory}");
        Assert.NotEqual(first, later.Fingerprint);
        await later.LoginOverTlsAsync("alice");
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task The_private_key_is_readable_by_the_owner_alone()
    {
        await using var server = await StartAsync();
        var owner = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        Assert.Equal(owner, File.GetUnixFileMode(Path.Combine(DataDirectory, "tls-key.pem")));
        Assert.Equal(owner | UnixFileMode.GroupRead | UnixFileMode.OtherRead, File.GetUnixFileMode(Path.Combine(DataDirectory, "tls-certificate.pem")));
        Assert.Equal(owner | UnixFileMode.UserExecute, File.GetUnixFileMode(DataDirectory));
        Assert.Empty(Directory.GetFiles(DataDirectory, "*.new"));
    }

    [Fact]
    public async Task A_configured_pem_certificate_and_key_are_served_and_nothing_is_generated()
    {
        var (certificatePath, keyPath, fingerprint) = await WritePemCertificateAsync();
        await using var server = await StartAsync($"Chat:TlsCertificate={certificatePath}", $"Chat:TlsKey={keyPath}");
        Assert.Equal(fingerprint, server.Fingerprint);
        await using var client = await TestClient.ConnectTlsAsync(server.TlsPort, fingerprint);
        await client.ExpectAsync("* Choose a nick:");
        Assert.False(Directory.Exists(DataDirectory));
    }

    [Fact]
    public async Task A_configured_pfx_is_served_and_its_password_never_reaches_the_log()
    {
        const string password = "pfx-secret-3c1f";
        var (certificatePath, keyPath, fingerprint) = await WritePemCertificateAsync();
        using var certificate = X509Certificate2.CreateFromPemFile(certificatePath, keyPath);
        var pfxPath = Path.Combine(_scratch.FullName, "server.pfx");
        await File.WriteAllBytesAsync(pfxPath, certificate.Export(X509ContentType.Pkcs12, password));

        await using var process = await ServerProcess.StartAsync("--tls-port", "0", $"--Chat:DataDirectory={DataDirectory}",
            $"--Chat:TlsCertificate={pfxPath}", $"--Chat:TlsPassword={password}");
        Assert.Equal(fingerprint, process.Fingerprint);
        await using var client = await TestClient.ConnectTlsAsync(process.TlsPort, fingerprint);
        await client.ExpectAsync("* Choose a nick:");
        process.Terminate();
        await process.WaitForExitAsync();
        var log = await File.ReadAllTextAsync(process.LogPath);
        Assert.Contains(fingerprint, log, StringComparison.Ordinal);
        Assert.Matches(@"connection \d+ from 127\.0\.0\.1:\d+ \(tls\)", log);     // the session knows it is secure
        Assert.DoesNotContain(password, log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_pfx_password_stops_the_start_with_a_clear_line_that_does_not_repeat_it()
    {
        var (certificatePath, keyPath, _) = await WritePemCertificateAsync();
        using var certificate = X509Certificate2.CreateFromPemFile(certificatePath, keyPath);
        var pfxPath = Path.Combine(_scratch.FullName, "server.pfx");
        await File.WriteAllBytesAsync(pfxPath, certificate.Export(X509ContentType.Pkcs12, "right"));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => ServerProcess.StartAsync(
            "--tls-port", "0", $"--Chat:TlsCertificate={pfxPath}", "--Chat:TlsPassword=wrong-guess-77"));
        Assert.Contains("(exit status 2)", error.Message, StringComparison.Ordinal);
        Assert.Contains($"cannot read the TLS certificate {pfxPath}", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-guess-77", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--Chat:TlsCertificate=/nonexistent/server.pem", "TlsCertificate must name an existing file")]
    [InlineData("--Chat:TlsKey=/nonexistent/server.key", "TlsKey needs TlsCertificate")]
    [InlineData("--Chat:TlsHandshakeTimeoutSeconds=0", "TlsHandshakeTimeoutSeconds must be at least 1")]
    [InlineData("--Chat:TlsPort=70000", "TlsPort must be -1 (off) or 0-65535")]
    public async Task Bad_tls_settings_stop_the_start_naming_the_setting(string setting, string problem)
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => ServerProcess.StartAsync("--tls-port", "0", setting));
        Assert.Contains("(exit status 2)", error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tls_and_plain_users_talk_in_one_room()
    {
        await using var server = await StartAsync();
        var plain = await server.LoginAsync("plain");
        var secure = await server.LoginOverTlsAsync("secure");
        await plain.ExpectAsync("#lobby -> secure joined");
        await secure.SendAsync("/join #mixed");
        await secure.SyncAsync();
        await plain.SendAsync("/join #mixed");
        await secure.ExpectAsync("#mixed -> plain joined");
        await plain.SendAsync("from the clear");
        Assert.Equal("#mixed <plain> from the clear", await secure.ExpectAsync(l => l.StartsWith("#mixed <plain>", StringComparison.Ordinal)));
        await secure.SendAsync("from inside tls");
        Assert.Equal("#mixed <secure> from inside tls", await plain.ExpectAsync(l => l.StartsWith("#mixed <secure>", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Plain_text_on_the_tls_port_gets_no_chat_and_is_closed_and_the_port_keeps_working()
    {
        await using var server = await StartAsync();
        var watcher = await server.LoginAsync("watcher");
        await using var plain = await TestClient.ConnectAsync(server.TlsPort);
        await plain.SendAsync("mallory");
        await plain.SendAsync("hello everyone");
        Assert.Empty(await plain.ReadToEndAsync());
        // Nothing but, at most, a TLS alert record (content type 21): never a line of the chat.
        Assert.True(plain.RawReceived is [] or [0x15, ..], $"received {Convert.ToHexString(plain.RawReceived)}");

        await server.LoginOverTlsAsync("after");
        Assert.Equal("#lobby -> after joined", await watcher.ExpectAsync(l => l.StartsWith("#lobby ->", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_client_that_never_finishes_its_handshake_is_closed_at_the_handshake_timeout()
    {
        await using var server = await StartAsync("Chat:TlsHandshakeTimeoutSeconds=1");
        await using var silent = await TestClient.ConnectAsync(server.TlsPort);
        await silent.SendRawAsync([0x16, 0x03, 0x01]);     // the start of a ClientHello, and then nothing
        var clock = Stopwatch.StartNew();
        Assert.Empty(await silent.ReadToEndAsync(TimeSpan.FromSeconds(10)));
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_tls_client_hears_the_shutdown_and_then_the_end_of_the_stream()
    {
        var server = await StartAsync();
        var alice = await server.LoginOverTlsAsync("alice");
        await server.StopAsync();
        Assert.Equal(["* server shutting down"], await alice.ReadToEndAsync());
        await server.DisposeAsync();
    }

    [Fact]
    public async Task The_tls_port_shares_the_connection_limits_and_closes_a_refused_client_without_a_clear_text_line()
    {
        // A long handshake timeout, so only the refusal can close the connection within the wait below.
        await using var server = await StartAsync("Chat:MaxConnections=1", "Chat:TlsHandshakeTimeoutSeconds=60");
        var alice = await server.LoginAsync("alice");
        await using var refused = await TestClient.ConnectAsync(server.TlsPort);
        Assert.Empty(await refused.ReadToEndAsync(TimeSpan.FromSeconds(10)));
        Assert.Empty(refused.RawReceived);
        await alice.SyncAsync();     // the one admitted connection is untouched
    }

    [Fact]
    public async Task A_handshake_in_progress_does_not_hold_up_the_shutdown()
    {
        var server = await StartAsync();
        var alice = await server.LoginOverTlsAsync("alice");
        await using var stuck = await TestClient.ConnectAsync(server.TlsPort);
        await stuck.SendRawAsync([0x16, 0x03, 0x01]);     // a handshake begun, never finished (the timeout is 10 s)
        await alice.SyncAsync();
        var clock = Stopwatch.StartNew();
        await server.StopAsync();
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(5));
        Assert.Equal(["* server shutting down"], await alice.ReadToEndAsync());
        Assert.Empty(await stuck.ReadToEndAsync(TimeSpan.FromSeconds(5)));
        await server.DisposeAsync();
    }

    [FactNeeding("openssl")]
    public async Task Tls_1_1_is_refused_with_a_protocol_version_alert()
    {
        await using var server = await StartAsync();
        // SECLEVEL=0 lets this OpenSSL offer TLS 1.1 at all; the refusal must come from the server.
        var (status, output) = await RunOpensslAsync($"s_client -tls1_1 -cipher DEFAULT@SECLEVEL=0 -connect 127.0.0.1:{server.TlsPort}", stdin: "");
        Assert.NotEqual(0, status);
        Assert.Contains("alert protocol version", output, StringComparison.Ordinal);
        Assert.DoesNotContain("no protocols available", output, StringComparison.Ordinal);   // the client's own refusal would prove nothing
    }

    [Fact]
    public async Task A_dotnet_client_offering_only_tls_1_1_cannot_connect()
    {
        await using var server = await StartAsync();
#pragma warning disable CA5397, SYSLIB0039 // offering an obsolete version is the point
        var refused = await Record.ExceptionAsync(() => TestClient.ConnectTlsAsync(server.TlsPort, server.Fingerprint, SslProtocols.Tls11));
#pragma warning restore CA5397, SYSLIB0039
        Assert.True(refused is AuthenticationException or IOException, $"connected, or failed otherwise: {refused}");
    }

    [FactNeeding("openssl")]
    public async Task Openssl_s_client_works_as_a_chat_client()
    {
        await using var server = await StartAsync();
        var watcher = await server.LoginAsync("watcher");
        var start = new ProcessStartInfo("openssl")
        {
            ArgumentList = { "s_client", "-quiet", "-connect", $"127.0.0.1:{server.TlsPort}" },
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var openssl = Process.Start(start)!;
        var stderr = openssl.StandardError.ReadToEndAsync();
        try
        {
            await ExpectLineAsync(openssl.StandardOutput, "* Choose a nick:");
            await openssl.StandardInput.WriteLineAsync("ossl");
            await openssl.StandardInput.FlushAsync();
            await watcher.ExpectAsync("#lobby -> ossl joined");
            // Lines starting with Q or R would be s_client's own commands (quit, renegotiate) without -quiet.
            await openssl.StandardInput.WriteLineAsync("Quick hello from openssl");
            await openssl.StandardInput.WriteLineAsync("Right");
            await openssl.StandardInput.FlushAsync();
            Assert.Equal("#lobby <ossl> Quick hello from openssl", await watcher.ExpectAsync(l => l.StartsWith("#lobby <ossl>", StringComparison.Ordinal)));
            Assert.Equal("#lobby <ossl> Right", await watcher.ExpectAsync(l => l.StartsWith("#lobby <ossl>", StringComparison.Ordinal)));
            await watcher.SendAsync("hello back");
            await ExpectLineAsync(openssl.StandardOutput, "#lobby <watcher> hello back");
            await openssl.StandardInput.WriteLineAsync("/quit done");
            await openssl.StandardInput.FlushAsync();
            await watcher.ExpectAsync("#lobby <- ossl left (done)");
            // The server's close (close_notify, then FIN) ends s_client, although its input is still open.
            using var exit = new CancellationTokenSource(TestClient.Timeout);
            await openssl.WaitForExitAsync(exit.Token);
        }
        finally
        {
            if (!openssl.HasExited)
            {
                openssl.Kill();
            }
        }
        Assert.Contains("verify error:num=18:self-signed certificate", await stderr, StringComparison.Ordinal);
    }

    /// <summary>Reads lines (CR stripped) until <paramref name="expected"/>; fails after the test timeout.</summary>
    private static async Task ExpectLineAsync(StreamReader output, string expected)
    {
        using var timeout = new CancellationTokenSource(TestClient.Timeout);
        var seen = new List<string>();
        while (await output.ReadLineAsync(timeout.Token) is { } line)
        {
            seen.Add(line.TrimEnd('\r'));
            if (seen[^1] == expected)
            {
                return;
            }
        }
        Assert.Fail($"'{expected}' never came; lines seen: [{string.Join(" | ", seen)}]");
    }

    private static async Task<(int Status, string Output)> RunOpensslAsync(string arguments, string stdin)
    {
        var start = new ProcessStartInfo("openssl", arguments)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var openssl = Process.Start(start)!;
        await openssl.StandardInput.WriteAsync(stdin);
        openssl.StandardInput.Close();
        var output = openssl.StandardOutput.ReadToEndAsync();
        var error = openssl.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TestClient.Timeout);
        await openssl.WaitForExitAsync(timeout.Token);
        return (openssl.ExitCode, await output + await error);
    }

    /// <summary>An RSA 2048 certificate for localhost, as an operator would configure it: PEM certificate and PEM key in two files.</summary>
    private async Task<(string Certificate, string Key, string Fingerprint)> WritePemCertificateAsync()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddDays(30));
        var certificatePath = Path.Combine(_scratch.FullName, "server.crt");
        var keyPath = Path.Combine(_scratch.FullName, "server.key");
        await File.WriteAllTextAsync(certificatePath, certificate.ExportCertificatePem());
        await File.WriteAllTextAsync(keyPath, key.ExportPkcs8PrivateKeyPem());
        var fingerprint = string.Join(':', certificate.GetCertHashString(HashAlgorithmName.SHA256).Chunk(2).Select(pair => new string(pair)));
        return (certificatePath, keyPath, fingerprint);
    }
}
