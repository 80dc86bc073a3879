using System.Text.Json.Nodes;
using Steward.TestSupport;

namespace Steward.Cli.Tests.SupplyChain;

/// <summary>End-to-end: the real command tree, in-process, on committed fixtures.</summary>
public sealed class SupplyChainCliTests : IDisposable
{
    private readonly string _temp = Path.Combine(Path.GetTempPath(), "steward-cli-supply-" + Guid.NewGuid().ToString("N"));

    public SupplyChainCliTests() => Directory.CreateDirectory(_temp);

    public void Dispose()
    {
        try
        {
            Directory.Delete(_temp, true);
        }
        catch (IOException)
        {
        }
    }

    private static string Fixture(params string[] parts) =>
        RepositoryPaths.InRepository(["tests", "Steward.Core.Tests", "SupplyChain", "Fixtures", .. parts]);

    private static async Task<(int Exit, string Out, string Err)> Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await StewardApp.RunAsync(args, stdout, stderr, TestContext.Current.CancellationToken);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    private string CopyModel()
    {
        var source = Fixture("signing", "model");
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(_temp, "model", Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        return Path.Combine(_temp, "model");
    }

    // Expected digest computed with `find -L . -type f -printf '%P\n' | LC_ALL=C sort | xargs -r -d '\n' sha256sum | sha256sum`.
    [Fact]
    public async Task Model_digest_prints_the_sha256sum_listing_and_the_digest()
    {
        var (exit, output, _) = await Run("model", "digest", Fixture("signing", "model"));

        exit.Should().Be(0);
        output.Should().Be(
            "4b35dc935483a6bdc1c3fb6103ba9eece1b0d142006c4353b0adb70075bfbd14  README.md\n" +
            "9434a14e8f36d0f2e30b5b819c0379526883cef5fda207e9e9b6f826f9d562cc  config.json\n" +
            "2112c585c6b4e0a4adff4cd67e5e1a80b16228dd4d7d62176cd8cf136342af83  weights/part-00001.bin\n" +
            "cfb36a6ec02dc9928cd76638e5139f2701efdf3acdfad92cfd6e9588e075171b  weights/vocab.txt\n" +
            "artifact sha256: 510522b952b42df085c563ea8ec1751695cb637d3337b6304f12badd2591ea9c (4 files)\n");
    }

    [Fact]
    public async Task Model_digest_json()
    {
        var (exit, output, _) = await Run("model", "digest", Fixture("signing", "model"), "--format", "json");

        exit.Should().Be(0);
        var json = JsonNode.Parse(output)!;
        json["sha256"]!.GetValue<string>().Should().Be("510522b952b42df085c563ea8ec1751695cb637d3337b6304f12badd2591ea9c");
        json["kind"]!.GetValue<string>().Should().Be("folder");
        json["files"]!.AsArray().Select(f => f!["path"]!.GetValue<string>()).Should().Equal("README.md", "config.json", "weights/part-00001.bin", "weights/vocab.txt");
    }

    [Fact]
    public async Task Sign_and_verify_round_trip_then_a_changed_file_fails()
    {
        var model = CopyModel();
        var envelope = Path.Combine(_temp, "model.dsse.json");

        var sign = await Run("model", "sign", model, "--key", Fixture("signing", "ec-private-pkcs8.pem"));
        sign.Exit.Should().Be(0, sign.Err);
        File.Exists(envelope).Should().BeTrue("the default envelope lies beside the folder");

        var ok = await Run("model", "verify", model, "--signature", envelope, "--key", Fixture("signing", "ec-public.pem"));
        ok.Exit.Should().Be(0, ok.Out + ok.Err);
        ok.Out.Should().StartWith("verified: 4 files of ");

        File.AppendAllText(Path.Combine(model, "config.json"), " ");
        var bad = await Run("model", "verify", model, "--key", Fixture("signing", "ec-public.pem"));
        bad.Exit.Should().Be(1);
        bad.Out.Should().Contain("  config.json: changed (signed sha256 9434a14e8f36d0f2e30b5b819c0379526883cef5fda207e9e9b6f826f9d562cc, found ");
    }

    [Fact]
    public async Task Verify_with_the_wrong_key_fails()
    {
        var (exit, output, _) = await Run("model", "verify", Fixture("signing", "model"),
            "--signature", Fixture("signing", "envelope-ed25519-openssl.json"), "--key", Fixture("signing", "ec-public.pem"));
        exit.Should().Be(1);
        output.Should().Contain("no signature matches the key");
    }

    [Fact]
    public async Task Bad_key_file_exits_2_naming_it()
    {
        var key = Path.Combine(_temp, "bad.pem");
        File.WriteAllText(key, "not a key");
        var (exit, _, error) = await Run("model", "sign", Fixture("signing", "model"), "--key", key, "--out", Path.Combine(_temp, "x.json"));
        exit.Should().Be(2);
        error.Should().Be($"steward: {key}: no PEM key found (expected -----BEGIN PRIVATE KEY----- or -----BEGIN PUBLIC KEY-----).\n");
    }

    [Fact]
    public async Task Sbom_read_lists_components()
    {
        var (exit, output, _) = await Run("sbom", "read", Fixture("sbom", "spdx-2.3.json"));

        exit.Should().Be(0);
        output.Should().Be(
            "SPDX 2.3: 3 components\n" +
            "NAME         VERSION  TYPE     LICENSES    PURL\n" +
            "fraud-model  1.3.0    other    -           -\n" +
            "lodash       4.17.20  package  MIT         pkg:npm/lodash@4.17.20\n" +
            "requests     2.31.0   package  Apache-2.0  pkg:pypi/requests@2.31.0\n");
    }

    [Fact]
    public async Task Sbom_read_json_on_the_cyclonedx_example()
    {
        var (exit, output, _) = await Run("sbom", "read", RepositoryPaths.InShared("data", "sbom", "cyclonedx-1.6-machine-learning.json"), "-f", "json");
        exit.Should().Be(0);
        var json = JsonNode.Parse(output)!;
        json["format"]!.GetValue<string>().Should().Be("CycloneDX 1.6");
        json["components"]![0]!["name"]!.GetValue<string>().Should().Be("stable-diffusion");
    }

    [Fact]
    public async Task Bad_sbom_exits_2_naming_it()
    {
        var file = Path.Combine(_temp, "bom.json");
        File.WriteAllText(file, "{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\",\"components\":[{\"type\":\"library\"}]}");
        var (exit, _, error) = await Run("sbom", "read", file);
        exit.Should().Be(2);
        error.Should().Be($"steward: {file}: $.components[0].name: missing\n");
    }

    /// <summary>Two real advisories, written by hand in OSV form (GitHub advisory ids as aliases).</summary>
    private string OsvDatabase()
    {
        var db = Path.Combine(_temp, "osv");
        Directory.CreateDirectory(db);
        File.WriteAllText(Path.Combine(db, "GHSA-35jh-r3h4-6jhm.json"), """
            { "id": "GHSA-35jh-r3h4-6jhm", "aliases": ["CVE-2021-23337"], "summary": "Command Injection in lodash",
              "severity": [ { "type": "CVSS_V3", "score": "CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H" } ],
              "affected": [ { "package": { "ecosystem": "npm", "name": "lodash" },
                "ranges": [ { "type": "SEMVER", "events": [ { "introduced": "0" }, { "fixed": "4.17.21" } ] } ] } ] }
            """);
        File.WriteAllText(Path.Combine(db, "GHSA-9wx4-h78v-vm56.json"), """
            { "id": "GHSA-9wx4-h78v-vm56", "aliases": ["CVE-2024-35195"], "summary": "Requests Session object does not verify requests after making first request with verify=False",
              "severity": [ { "type": "CVSS_V3", "score": "CVSS:3.1/AV:L/AC:H/PR:H/UI:R/S:U/C:H/I:H/A:N" } ],
              "affected": [ { "package": { "ecosystem": "PyPI", "name": "requests" },
                "ranges": [ { "type": "ECOSYSTEM", "events": [ { "introduced": "0" }, { "fixed": "2.32.0" } ] } ] } ] }
            """);
        return db;
    }

    // Scores per CVSS v3.1 as NVD publishes them: CVE-2021-23337 7.2 (High), CVE-2024-35195 5.6 (Medium).
    [Fact]
    public async Task Vuln_scan_json()
    {
        var (exit, output, _) = await Run("vuln", "scan", Fixture("sbom", "spdx-2.3.json"), "--db", OsvDatabase(), "--format", "json");

        exit.Should().Be(1);
        JsonNode.DeepEquals(JsonNode.Parse(output), JsonNode.Parse("""
            { "vulnerabilities": [
              { "purl": "pkg:npm/lodash@4.17.20", "id": "CVE-2021-23337", "aliases": ["GHSA-35jh-r3h4-6jhm"], "score": 7.2, "severity": "high", "fixed": "4.17.21" },
              { "purl": "pkg:pypi/requests@2.31.0", "id": "CVE-2024-35195", "aliases": ["GHSA-9wx4-h78v-vm56"], "score": 5.6, "severity": "medium", "fixed": "2.32.0" }
            ] }
            """)).Should().BeTrue(output);
        (await Run("vuln", "scan", Fixture("sbom", "spdx-2.3.json"), "--db", OsvDatabase(), "--format", "json")).Out.Should().Be(output);
    }

    [Theory]
    [InlineData("any", 1)]
    [InlineData("medium", 1)]
    [InlineData("high", 1)]
    [InlineData("critical", 0)]
    public async Task Vuln_scan_fail_on_threshold(string threshold, int expected)
        => (await Run("vuln", "scan", Fixture("sbom", "spdx-2.3.json"), "--db", OsvDatabase(), "--fail-on", threshold)).Exit.Should().Be(expected);

    [Fact]
    public async Task Vuln_scan_table_and_sarif()
    {
        var db = OsvDatabase();
        var table = await Run("vuln", "scan", Fixture("sbom", "spdx-2.3.json"), "--db", db);
        table.Out.Should().Contain("pkg:npm/lodash@4.17.20    CVE-2021-23337  high      7.2    4.17.21  GHSA-35jh-r3h4-6jhm");
        table.Err.Should().Be("steward: note: 1 component(s) without a purl were not checked\n");

        var sarif = JsonNode.Parse((await Run("vuln", "scan", Fixture("sbom", "spdx-2.3.json"), "--db", db, "-f", "sarif")).Out)!;
        sarif["version"]!.GetValue<string>().Should().Be("2.1.0");
        var run = sarif["runs"]![0]!;
        run["tool"]!["driver"]!["rules"]!.AsArray().Select(r => r!["id"]!.GetValue<string>()).Should().Equal("CVE-2021-23337", "CVE-2024-35195");
        run["tool"]!["driver"]!["rules"]![0]!["properties"]!["security-severity"]!.GetValue<string>().Should().Be("7.2");
        run["results"]!.AsArray().Select(r => r!["level"]!.GetValue<string>()).Should().Equal("error", "warning");
    }

    [Fact]
    public async Task Vuln_scan_clean_sbom_exits_0()
    {
        var db = Path.Combine(_temp, "empty-db");
        Directory.CreateDirectory(db);
        var (exit, output, _) = await Run("vuln", "scan", Fixture("sbom", "spdx-3.0.json"), "--db", db);
        exit.Should().Be(0);
        output.Should().Be("no known vulnerabilities\n");
    }

    [Fact]
    public async Task Vuln_scan_bad_osv_record_exits_2_naming_it()
    {
        var db = Path.Combine(_temp, "bad-db");
        Directory.CreateDirectory(db);
        var file = Path.Combine(db, "broken.json");
        File.WriteAllText(file, "{ \"id\": \"X-1\", \"affected\": \"nope\" }");
        var (exit, _, error) = await Run("vuln", "scan", Fixture("sbom", "spdx-2.3.json"), "--db", db);
        exit.Should().Be(2);
        error.Should().StartWith($"steward: {file} (line 1, $.affected): not a valid OSV record");
    }
}
