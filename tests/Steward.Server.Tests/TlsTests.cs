using System.Runtime.InteropServices;
using Steward.Core;
using Steward.Server.Tests.Support;
using Steward.TestSupport;

namespace Steward.Server.Tests;

/// <summary>
/// TLS from PEM files with a real certificate made in the test and a real HTTPS client that trusts
/// only that certificate's thumbprint; the pair rotated while serving the way cert-manager does it
/// (a new ..data folder, then the ..data link swapped; tls.crt and tls.key are links through it).
/// </summary>
public sealed partial class TlsTests
{
    private static ServeOptions Options(TempFolder temp, string tlsFolder) => new()
    {
        Repository = RepositoryPaths.InRepository("examples", "governance"),
        Store = temp["store/steward.duckdb"],
        TlsCertificate = Path.Combine(tlsFolder, "tls.crt"),
        TlsKey = Path.Combine(tlsFolder, "tls.key"),
        TlsPollInterval = TimeSpan.FromMilliseconds(200),
    };

    /// <summary>Writes the pair as a Secret volume: ..TIMESTAMP/tls.{crt,key}, ..data → it, tls.crt → ..data/tls.crt.</summary>
    private static void WriteSecretVolume(string folder, TestCertificate certificate, string? keyPem = null)
    {
        Directory.CreateDirectory(folder);
        var version = "..v" + Guid.NewGuid().ToString("N")[..8];
        Directory.CreateDirectory(Path.Combine(folder, version));
        File.WriteAllText(Path.Combine(folder, version, "tls.crt"), certificate.CertificatePem);
        File.WriteAllText(Path.Combine(folder, version, "tls.key"), keyPem ?? certificate.KeyPem);
        // The swap is a rename of a new link over ..data: atomic, as in Kubernetes' AtomicWriter.
        var tmp = Path.Combine(folder, "..data_tmp");
        File.CreateSymbolicLink(tmp, version);
        if (Rename(tmp, Path.Combine(folder, "..data")) != 0)
            throw new IOException($"rename {tmp}: errno {Marshal.GetLastPInvokeError()}");
        foreach (var name in new[] { "tls.crt", "tls.key" })
        {
            var link = Path.Combine(folder, name);
            if (!File.Exists(link) && new FileInfo(link).LinkTarget is null)
                File.CreateSymbolicLink(link, Path.Combine("..data", name));
        }
    }

    /// <summary>rename(2): replaces the ..data link atomically (File.Move refuses a link to a folder).</summary>
    [DllImport("libc", EntryPoint = "rename", SetLastError = true)]
    private static extern int Rename(string from, string to);

    private static async Task<string> PresentedThumbprint(RunningServer server, string path = "/healthz")
    {
        string? seen = null;
        using var client = server.Client(trusted: _ => true, presented: t => seen = t);
        using var response = await client.GetAsync(path, TestContext.Current.CancellationToken);
        return seen!;
    }

    [Fact]
    public async Task Serves_https_with_the_pem_pair_to_a_client_trusting_its_thumbprint()
    {
        using var temp = new TempFolder();
        var certificate = TestCertificate.Create("steward-a");
        WriteSecretVolume(temp["tls"], certificate);
        await using var server = await RunningServer.StartAsync(Options(temp, temp["tls"]));

        server.Address.Scheme.Should().Be("https");
        string? seen = null;
        using var client = server.Client(trusted: t => t == certificate.Thumbprint, presented: t => seen = t);
        var ready = await client.GetStringAsync("/readyz", TestContext.Current.CancellationToken);
        ready.Should().StartWith("ok: revision ");
        seen.Should().Be(certificate.Thumbprint);

        // A client that trusts another certificate refuses the handshake.
        using var stranger = server.Client(trusted: t => t == "0000");
        var refused = async () => await stranger.GetStringAsync("/healthz", TestContext.Current.CancellationToken);
        await refused.Should().ThrowAsync<HttpRequestException>();
    }

    [Fact]
    public async Task A_rotated_pair_is_served_to_new_connections_and_a_bad_pair_keeps_the_old_one()
    {
        using var temp = new TempFolder();
        var first = TestCertificate.Create("steward-first");
        var second = TestCertificate.Create("steward-second");
        var third = TestCertificate.Create("steward-third");
        WriteSecretVolume(temp["tls"], first);
        await using var server = await RunningServer.StartAsync(Options(temp, temp["tls"]));
        (await PresentedThumbprint(server)).Should().Be(first.Thumbprint);

        WriteSecretVolume(temp["tls"], second);
        await Eventually.Until(() => PresentedThumbprint(server), t => t == second.Thumbprint, "the second certificate");

        // The third certificate with the second one's key: it does not load, the second keeps serving.
        WriteSecretVolume(temp["tls"], third, keyPem: second.KeyPem);
        var metrics = await Eventually.Until(async () => MetricsText.Parse(await Scrape(server)),
            m => m["steward_tls_certificate_reload_failing"] == 1, "the failed reload in /metrics");
        metrics["steward_tls_certificate_reloads_total{result=\"failure\"}"].Should().Be(1);
        metrics["steward_tls_certificate_reloads_total{result=\"success\"}"].Should().Be(2); // the start, then the second pair
        (await PresentedThumbprint(server)).Should().Be(second.Thumbprint);

        // Its own key completes it.
        WriteSecretVolume(temp["tls"], third);
        await Eventually.Until(() => PresentedThumbprint(server), t => t == third.Thumbprint, "the third certificate");
        var after = MetricsText.Parse(await Scrape(server));
        after["steward_tls_certificate_reload_failing"].Should().Be(0);
        after["steward_tls_certificate_reloads_total{result=\"success\"}"].Should().Be(3);
    }

    private static async Task<string> Scrape(RunningServer server)
    {
        // Any certificate: the thumbprints are asserted by the probes above, not here.
        using var client = server.Client(trusted: _ => true);
        return await client.GetStringAsync("/metrics", TestContext.Current.CancellationToken);
    }

    [Fact]
    public void Bad_files_at_start_are_one_line_naming_the_flag()
    {
        using var temp = new TempFolder();
        var certificate = TestCertificate.Create("steward-a");
        var other = TestCertificate.Create("steward-b");
        var cert = temp.Write("tls/tls.crt", certificate.CertificatePem);
        var otherKey = temp.Write("tls/other.key", other.KeyPem);
        var repository = RepositoryPaths.InRepository("examples", "governance");

        var missing = () => StewardServer.Build(new ServeOptions { Repository = repository, Listen = "127.0.0.1:0", TlsCertificate = temp["tls/none.crt"], TlsKey = otherKey }, _ => { });
        missing.Should().Throw<StewardInputException>().WithMessage($"--tls-cert {temp["tls/none.crt"]}: file not found");

        var mismatched = () => StewardServer.Build(new ServeOptions { Repository = repository, Listen = "127.0.0.1:0", TlsCertificate = cert, TlsKey = otherKey }, _ => { });
        mismatched.Should().Throw<StewardInputException>().WithMessage($"--tls-key {otherKey}: the key does not match the certificate of --tls-cert {cert}");

        var keyAsCert = () => StewardServer.Build(new ServeOptions { Repository = repository, Listen = "127.0.0.1:0", TlsCertificate = otherKey, TlsKey = otherKey }, _ => { });
        keyAsCert.Should().Throw<StewardInputException>().WithMessage($"--tls-cert {otherKey}: no PEM certificate (-----BEGIN CERTIFICATE-----) in the file");

        var lone = () => StewardServer.Build(new ServeOptions { Repository = repository, Listen = "127.0.0.1:0", TlsCertificate = cert }, _ => { });
        lone.Should().Throw<StewardInputException>().WithMessage("--tls-cert needs --tls-key (the certificate's private key)");
    }
}
