using System.Security.Cryptography;
using System.Text;
using Steward.TestSupport;

namespace Steward.Cli.Tests.Docs;

/// <summary>
/// Runs the walk-through that opens each user docs page, as written there: the `steward` lines of
/// the first ```sh block under "## Walk-through", from the repository root, with
/// /tmp/steward-walkthrough replaced by a temp folder. The expected exit codes and numbers are
/// those the page states; each is derived from the sample inputs as the page explains (e.g. the
/// FOCUS sample's 60 × 40 + 120 + 61 × 5 = 2825 USD).
/// </summary>
public sealed class DocsWalkthroughTests : IDisposable
{
    private const string StorePlaceholder = "/tmp/steward-walkthrough";
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    public static TheoryData<string> Pages => new(Expectations.Keys.Order(StringComparer.Ordinal));

    /// <summary>Per page, per command in order: the exit code and texts its output contains.</summary>
    private static readonly Dictionary<string, (int Exit, string[] Contains)[]> Expectations = new()
    {
        ["policies.md"] =
        [
            (0, ["10 passed, 0 failed"]),
            (1, ["FAILED: 2 error(s), 1 warning(s)"]),
            (1, ["\"ruleId\": \"policy/examples/gpu_budget/violation\"", "\"ruleId\": \"policy/examples/newest_model/warn\"",
                 "\"ruleId\": \"policy/examples/replicas/deny\"", "\"errors\": 2", "\"warnings\": 1", "\"objects\": 7"]),
        ],
        ["finops.md"] =
        [
            // 61 days × 2 services = 122 rows; 60 × 40 + 120 (Compute) + 61 × 5 (Storage) = 2825.
            (0, ["imported 122 rows, BilledCost 2825 USD, 2026-10-01 to 2026-12-01"]),
            (0, ["2,520.00", "305.00", "2,825.00"]),
            // 2026-11-25: 120 + 5 against the usual 40 + 5.
            (0, ["2026-11-25  all costs  125.00     45.00   80.00", "ResourceId=i-0gpu1", "1 anomalies"]),
            (0, ["history 2026-10-01 to 2026-11-30"]),
            (0, ["imported 6 usage rows"]),
            // Two hours of node-cpu (8 × 0.031611 + 32 × 0.004237) and node-gpu (16 × 0.031611 + 64 × 0.004237 + 2 × 0.95).
            (0, ["6.130832"]),
        ],
        ["gitops.md"] =
        [
            (1, ["8 Synced, 1 OutOfSync, 0 Missing, 0 Extra", "apps/Deployment/risk/credit-scoring"]),
            (1, ["\"outOfSync\": 1", "\"path\": \"/spec/replicas\""]),
        ],
        ["supply-chain.md"] =
        [
            (0, ["CycloneDX 1.6: 4 components"]),
            (1, ["pkg:pypi/requests@2.31.0  CVE-2024-35195  medium    5.6    2.32.0", "1 vulnerability in 1 component(s)"]),
            (0, ["\"bomFormat\": \"CycloneDX\""]),
            (0, ["(4 files)"]),
        ],
        ["alignment.md"] =
        [
            (0, ["0 of 12 columns drifted"]),
            (0, ["900 inferences imported"]),
            (1, ["6 breach(es)"]),
            (0, ["5 windows from 2026-03-02 to 2026-03-06, 6 breach(es)"]),
        ],
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task The_walkthrough_of_the_page_runs_as_documented(string page)
    {
        var commands = WalkthroughCommands(page);
        var expected = Expectations[page];
        commands.Should().HaveCount(expected.Length, $"the test's expectations mirror the commands of docs/{page}");

        for (var i = 0; i < commands.Count; i++)
        {
            var result = await CliRunner.RunAsync(commands[i]);
            var shown = "steward " + string.Join(' ', commands[i]);
            result.ExitCode.Should().Be(expected[i].Exit, $"{shown}\n{result.Out}{result.Error}");
            foreach (var text in expected[i].Contains)
                result.Out.Should().Contain(text, shown);
        }
    }

    [Fact]
    public async Task The_model_digest_of_the_supply_chain_walkthrough_is_sha256sum_of_the_manifest()
    {
        // The digest as docs/supply-chain.md reproduces it with coreutils: sha256sum of every file,
        // sorted by UTF-8 bytes, then sha256sum of those lines.
        var folder = RepositoryPaths.InRepository("examples", "governance", "models");
        var files = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(folder, f).Replace('\\', '/'))
            .OrderBy(f => f, StringComparer.Ordinal).ToList();
        var manifest = string.Concat(files.Select(f => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(folder, f)))) + "  " + f + "\n"));
        var digest = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(manifest)));

        var result = await CliRunner.RunAsync("model", "digest", folder);

        result.ExitCode.Should().Be(0);
        result.Out.Should().Contain($"artifact sha256: {digest} ({files.Count} files)");
    }

    [Fact]
    public void Every_user_docs_page_opens_with_its_walkthrough()
    {
        foreach (var page in Expectations.Keys)
        {
            var lines = File.ReadAllLines(RepositoryPaths.InRepository("docs", page));
            lines.Skip(1).First(l => l.StartsWith("## ", StringComparison.Ordinal)).Should().Be("## Walk-through", $"docs/{page} opens with it");
        }
    }

    /// <summary>The arguments of each `steward` line of the page's walk-through block.</summary>
    private List<string[]> WalkthroughCommands(string page)
    {
        var lines = File.ReadAllLines(RepositoryPaths.InRepository("docs", page));
        var section = Array.IndexOf(lines, "## Walk-through");
        section.Should().BeGreaterThan(0, $"docs/{page} has a Walk-through section");
        var start = Array.FindIndex(lines, section, l => l == "```sh") + 1;
        var end = Array.FindIndex(lines, start, l => l == "```");
        return lines[start..end]
            .Where(l => l.StartsWith("steward ", StringComparison.Ordinal))
            .Select(l => l["steward ".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(Resolve).ToArray())
            .ToList();
    }

    /// <summary>Paths as the page means them: examples/ from the repository root, the store in a temp folder.</summary>
    private string Resolve(string token)
    {
        if (token.StartsWith(StorePlaceholder + "/", StringComparison.Ordinal))
            return Path.Combine(_temp.Path, token[(StorePlaceholder.Length + 1)..]);
        if (token.StartsWith("examples/", StringComparison.Ordinal))
            return RepositoryPaths.InRepository(token.Split('/'));
        return token;
    }
}
