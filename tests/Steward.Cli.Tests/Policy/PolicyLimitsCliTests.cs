using System.Text;
using System.Text.Json;
using Steward.TestSupport;

namespace Steward.Cli.Tests.Policy;

/// <summary>
/// End-to-end probes of issue 12 for policies: limits as flags of policy eval and as
/// policies.limits of steward.yaml in check. A limit hit is an error (exit 1 with the positioned
/// eval_limit_error / eval_cancel_error) or a finding, never exit 3; a bad flag or a disallowed
/// builtin is exit 2.
/// </summary>
public sealed class PolicyLimitsCliTests
{
    private const string Backtracking = "package rx\nimport rego.v1\nhit if regex.match(`^(a+)+$`, \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!\")\n";

    private static string Chain()
    {
        var sb = new StringBuilder("package chain\ns0 := \"0123456789abcdef\"\n");
        for (var i = 0; i < 40; i++) sb.Append($"s{i + 1} := concat(\"\", [s{i}, s{i}])\n");
        return sb.ToString();
    }

    [Fact]
    public async Task Eval_takes_the_string_limit_as_a_flag()
    {
        using var dir = new TempFolder();
        var file = dir.Write("chain.rego", Chain());

        var result = await CliRunner.RunAsync("policy", "eval", "-d", file, "--max-string-bytes", "1Mi", "data.chain.s40");

        // s16 = 16·2^16 characters = 2,097,152 bytes > 1 MiB.
        result.ExitCode.Should().Be(1);
        result.Error.Should().Contain("eval_limit_error: concat: a string of 2097152 bytes exceeds 1048576 bytes (maxStringBytes)");
    }

    [Fact]
    public async Task Eval_refuses_a_huge_sprintf_width_with_the_default_limits()
    {
        using var dir = new TempFolder();
        var file = dir.Write("w.rego", "package w\nx := sprintf(\"%1000000000d\", [1])\n");

        var result = await CliRunner.RunAsync("policy", "eval", "-d", file, "data.w.x");

        result.ExitCode.Should().Be(1);
        result.Error.Should().Contain("w.rego:2:6: eval_limit_error: sprintf: a string of 2000000000 bytes exceeds 33554432 bytes (maxStringBytes)");
    }

    [Fact]
    public async Task Eval_reports_a_regex_timeout_as_a_cancel_error_not_an_internal_error()
    {
        using var dir = new TempFolder();
        var file = dir.Write("rx.rego", Backtracking);

        var result = await CliRunner.RunAsync("policy", "eval", "-d", file, "--timeout", "300ms", "data.rx.hit");

        result.ExitCode.Should().Be(1);
        result.Error.Should().Contain("eval_cancel_error: regex.match: regular expression match exceeded the time budget of 300ms per query (timeout)");
    }

    [Fact]
    public async Task Eval_with_a_denied_builtin_is_a_compile_error()
    {
        using var dir = new TempFolder();
        var file = dir.Write("net.rego", "package net\nr := http.send({\"method\": \"get\", \"url\": \"https://example.com\"})\n");

        var result = await CliRunner.RunAsync("policy", "eval", "-d", file, "--deny-builtin", "network", "data.net.r");

        result.ExitCode.Should().Be(2);
        result.Error.Should().Contain("net.rego:2:6: rego_type_error: undefined function http.send");
    }

    [Theory]
    [InlineData("--timeout", "5 parsecs", "--timeout: expected a duration such as 500ms, 5s or 2m, got \"5 parsecs\"")]
    [InlineData("--max-steps", "-3", "--max-steps: expected a whole number from 1 to 9223372036854775807, got \"-3\"")]
    [InlineData("--deny-builtin", "htp.send", "--deny-builtin: unknown builtin \"htp.send\" (a builtin name, or one of clock, environment, network, randomness)")]
    public async Task Bad_limit_flags_are_input_errors(string flag, string value, string expected)
    {
        using var dir = new TempFolder();
        var file = dir.Write("p.rego", "package p\nx := 1\n");

        var result = await CliRunner.RunAsync("policy", "eval", "-d", file, flag, value, "data.p.x");

        result.ExitCode.Should().Be(2);
        result.Error.Should().Contain(expected);
    }

    [Fact]
    public async Task Check_reports_a_regex_timeout_as_a_finding()
    {
        using var repo = new TempFolder();
        repo.Write("steward.yaml", "apiVersion: steward.dev/v1alpha1\nkind: Settings\npolicies:\n  limits:\n    timeout: 300ms\n");
        repo.Write("policies/rx.rego", "package rx\ndeny contains \"matched\" if regex.match(`^(a+)+$`, \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!\")\n");
        repo.Write("manifests/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n");

        var result = await CliRunner.RunAsync("check", repo.Path, "--format", "json");

        result.ExitCode.Should().Be(1);
        Messages(result.Out, "policy/rx/deny").Should().Equal(
            "policy policies/rx.rego was stopped at policies/rx.rego:2:28: eval_cancel_error: regex.match: regular expression match exceeded the time budget of 300ms per query (timeout)");
    }

    [Fact]
    public async Task Check_stops_a_slow_policy_run_at_its_budget()
    {
        // Each query would take far longer than its 10 s budget; the run has 2 s for 20 objects.
        using var repo = new TempFolder();
        repo.Write("steward.yaml", "apiVersion: steward.dev/v1alpha1\nkind: Settings\npolicies:\n  limits:\n    timeout: 10s\n    runTimeout: 2s\n");
        repo.Write("policies/slow.rego", "package slow\nr := numbers.range(1, 1000)\ndeny contains \"never\" if {\n  some i in r\n  some j in r\n  some k in r\n  i + j + k < 0\n}\n");
        for (var i = 0; i < 20; i++) repo.Write($"manifests/cm{i:00}.yaml", $"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm{i:00}\n");

        var result = await CliRunner.RunAsync("check", repo.Path, "--format", "json");

        result.ExitCode.Should().Be(1);
        Messages(result.Out, "policy-budget").Should().Equal(
            "policy budget exhausted: the policies were stopped after 2s (policies.limits.runTimeout); 20 of 20 objects were not fully evaluated, from ConfigMap cm00 on");
    }

    private static List<string> Messages(string json, string ruleId)
    {
        using var doc = JsonDocument.Parse(json);
        return [.. doc.RootElement.GetProperty("findings").EnumerateArray()
            .Where(f => f.GetProperty("ruleId").GetString() == ruleId)
            .Select(f => f.GetProperty("message").GetString()!)];
    }
}
