using System.Text;
using Steward.TestSupport;

namespace Steward.Cli.Tests.Security;

/// <summary>Issue 12's parser probes end to end: each is exit 2 with one line naming the file and the limit, never exit 3 or a hang.</summary>
public sealed class ParserLimitsCliTests
{
    private const string Policy = """
        package probe

        import rego.v1

        deny contains msg if {
        	input.kind == "ConfigMap"
        	msg := "seen"
        }
        """;

    /// <summary>9 levels of 9 aliases under 1 KB: 9^9 strings once expanded.</summary>
    private static string BillionLaughs(string prefix)
    {
        var text = new StringBuilder(prefix).Append("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (var level = 'b'; level <= 'i'; level++)
            text.Append(level).Append(": &").Append(level).Append(" [").Append(string.Join(",", Enumerable.Repeat("*" + (char)(level - 1), 9))).Append("]\n");
        return text.ToString();
    }

    private static TempFolder RepositoryWithPolicy()
    {
        var repo = new TempFolder();
        repo.Write("policies/probe.rego", Policy);
        return repo;
    }

    [Fact(Timeout = 60_000)]
    public async Task Check_with_policies_refuses_a_billion_laughs_manifest()
    {
        using var repo = RepositoryWithPolicy();
        repo.Write("manifests/bomb.yaml", BillionLaughs("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: bomb}\ndata:\n  x: y\n"));

        var result = await CliRunner.RunAsync("check", repo.Path);

        result.ExitCode.Should().Be(2, result.Error + result.Out);
        // The largest alias is the first *h, line 5 + 9 = 14, column 8.
        result.Error.Should().Contain("bomb.yaml:14:8: excessive aliasing").And.Contain("limit");
        result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().ContainSingle();
    }

    [Fact(Timeout = 60_000)]
    public async Task Check_with_policies_refuses_a_manifest_nested_1100_deep_with_exit_2()
    {
        using var repo = RepositoryWithPolicy();
        repo.Write("manifests/deep.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: deep}\ndata: " + new string('[', 1100) + new string(']', 1100) + "\n");

        var result = await CliRunner.RunAsync("check", repo.Path);

        result.ExitCode.Should().Be(2, result.Error + result.Out);
        // "data: " is 6 characters and the root mapping is level 1: the 256th '[' (level 257) is at column 6 + 256 = 262.
        result.Error.Should().Contain("deep.yaml:4:262: nesting deeper than 256 levels (the limit)");
    }

    [Fact(Timeout = 60_000)]
    public async Task Check_refuses_30000_deep_yaml_without_a_stack_overflow()
    {
        using var repo = new TempFolder();
        repo.Write("manifests/deep.yaml", string.Concat(Enumerable.Repeat("- ", 30_000)) + "x\n");

        var result = await CliRunner.RunAsync("check", repo.Path);

        result.ExitCode.Should().Be(2, result.Error + result.Out);
        // The 257th list's '-' is at column 2 * 256 + 1 = 513.
        result.Error.Should().Contain("deep.yaml:1:513: nesting deeper than 256 levels (the limit)");
    }

    [Fact(Timeout = 60_000)]
    public async Task Diff_live_refuses_a_billion_laughs_live_file()
    {
        using var repo = new TempFolder();
        repo.Write("manifests/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm, namespace: default}\n");
        var live = repo.Write("live/bomb.yaml", BillionLaughs("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm, namespace: default}\ndata:\n  x: y\n"));

        var result = await CliRunner.RunAsync("diff", repo.Path, "--live", live);

        result.ExitCode.Should().Be(2, result.Error + result.Out);
        result.Error.Should().Contain("bomb.yaml:14:8: excessive aliasing");
    }

    [Fact]
    public async Task Diff_live_refuses_an_object_without_a_kind_naming_file_line_and_column()
    {
        using var repo = new TempFolder();
        repo.Write("manifests/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm, namespace: default}\n");
        var live = repo.Write("live/objects.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm, namespace: default}\n---\napiVersion: v1\nmetadata: {name: other}\n");

        var result = await CliRunner.RunAsync("diff", repo.Path, "--live", live);

        result.ExitCode.Should().Be(2, result.Error + result.Out);
        // The second document starts on line 5, column 1.
        result.Error.Should().Be("steward: objects.yaml:5:1: kind: required: a live object without apiVersion, kind and metadata.name cannot be diffed\n");
    }

    [Theory]
    [InlineData("NaN", "--sensitivity: must be a finite number, got NaN")]
    [InlineData("Infinity", "--sensitivity: must be a finite number, got Infinity")]
    [InlineData("-1", "--sensitivity: must be at least 0, got -1")]
    public async Task Cost_anomalies_refuses_a_sensitivity_that_is_not_a_finite_non_negative_number(string value, string message)
    {
        using var temp = new TempFolder();

        var result = await CliRunner.RunAsync("cost", "anomalies", "--sensitivity", value, "--store", temp["s.duckdb"]);

        result.ExitCode.Should().Be(2, result.Error + result.Out);
        result.Error.Should().Be($"steward: {message}\n");
    }

    [Theory]
    [InlineData("--drift-share", "NaN", "--drift-share: must be a finite number, got NaN")]
    [InlineData("--drift-share", "1.5", "--drift-share: must be between 0 and 1, got 1.5")]
    [InlineData("--threshold", "Infinity", "--threshold: must be a finite number, got Infinity")]
    public async Task Analyze_drift_refuses_nan_infinity_and_out_of_range_options(string flag, string value, string message)
    {
        using var temp = new TempFolder();
        var reference = temp.Write("r.csv", "x\n1\n");

        var result = await CliRunner.RunAsync("analyze", "drift", "--reference", reference, "--current", reference, flag, value);

        result.ExitCode.Should().Be(2, result.Error + result.Out);
        result.Error.Should().Be($"steward: {message}\n");
    }
}
