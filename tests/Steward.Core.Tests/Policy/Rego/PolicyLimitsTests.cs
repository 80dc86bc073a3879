using Steward.Core.Findings;
using Steward.Core.Governance;
using Steward.Core.Policy;
using Steward.Core.Policy.Rego;
using static Steward.Core.Tests.Governance.RepositoryFixtures;

namespace Steward.Core.Tests.Policy.Rego;

/// <summary>
/// policies.limits and policies.capabilities in check: a policy over a limit is an error finding
/// naming the policy and the limit while the other policies still run; the whole run has one
/// budget; a policy calling a builtin that is not allowed does not compile. No timing
/// assertions: the budgets themselves make every probe return.
/// </summary>
public class PolicyLimitsTests
{
    private const string Settings = "apiVersion: steward.dev/v1alpha1\nkind: Settings\n";

    private static CheckResult Check(params (string, string)[] files)
    {
        using var repo = Repository(files);
        return new CheckRunner(policies: new RegoPolicyEvaluator()).Run(RepositoryLoader.LoadFolder(repo.Path), cancellationToken: TestContext.Current.CancellationToken);
    }

    private const string Fine = """
        package fine
        deny contains msg if {
            input.kind == "Deployment"
            msg := sprintf("%s is checked", [input.metadata.name])
        }
        """;

    [Fact]
    public void A_huge_sprintf_width_is_a_finding_and_the_other_policies_still_run()
    {
        var result = Check(
            ("policies/wide.rego", "package wide\ndeny contains msg if {\n  msg := sprintf(\"%1000000000d\", [1])\n}\n"),
            ("policies/fine.rego", Fine),
            ("manifests/a.yaml", Deployment("a")));

        var limit = result.Findings.Should().ContainSingle(f => f.RuleId == "policy/wide/deny").Subject;
        limit.Severity.Should().Be(Severity.Error);
        // 1,000,000,000 characters of padding = 2,000,000,000 bytes; the default limit is 32 MiB = 33,554,432 bytes.
        limit.Message.Should().Be("policy policies/wide.rego was stopped at policies/wide.rego:3:10: eval_limit_error: sprintf: a string of 2000000000 bytes exceeds 33554432 bytes (maxStringBytes)");
        limit.Evidence["policy"].Should().Be("policies/wide.rego");
        limit.Subject.File.Should().Be("manifests/a.yaml");
        result.Findings.Should().ContainSingle(f => f.RuleId == "policy/fine/deny").Which.Message.Should().Be("a is checked");
    }

    [Fact]
    public void A_doubling_concat_chain_is_bounded_by_the_configured_string_limit()
    {
        var chain = new System.Text.StringBuilder("package chain\ns0 := \"0123456789abcdef\"\n");
        for (var i = 0; i < 40; i++) chain.Append($"s{i + 1} := concat(\"\", [s{i}, s{i}])\n");
        chain.Append("deny contains \"long\" if count(s40) > 0\n");
        var before = GC.GetAllocatedBytesForCurrentThread();

        var result = Check(
            ("steward.yaml", Settings + "policies:\n  limits:\n    maxStringBytes: 1Mi\n"),
            ("policies/chain.rego", chain.ToString()),
            ("manifests/a.yaml", Deployment("a")));

        // s15 is 16·2^15 characters = 1 MiB (allowed), s16 twice that: 2,097,152 bytes.
        result.Findings.Should().ContainSingle(f => f.RuleId == "policy/chain/deny").Which.Message
            .Should().EndWith("eval_limit_error: concat: a string of 2097152 bytes exceeds 1048576 bytes (maxStringBytes)");
        (GC.GetAllocatedBytesForCurrentThread() - before).Should().BeLessThan(256L * 1024 * 1024);
    }

    [Fact]
    public void A_regex_that_times_out_is_a_finding_not_an_internal_error()
    {
        var result = Check(
            // 2s rather than less: on a loaded machine the query's budget must not run out before regex.match starts.
            ("steward.yaml", Settings + "policies:\n  limits:\n    timeout: 2s\n"),
            ("policies/rx.rego", "package rx\ndeny contains \"matched\" if regex.match(`^(a+)+$`, \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!\")\n"),
            ("manifests/a.yaml", Deployment("a")));

        result.Findings.Should().ContainSingle(f => f.RuleId == "policy/rx/deny").Which.Message
            .Should().Be("policy policies/rx.rego was stopped at policies/rx.rego:2:28: eval_cancel_error: regex.match: regular expression match exceeded the time budget of 2s per query (timeout)");
    }

    [Fact]
    public void A_slow_policy_over_twenty_objects_ends_at_the_run_budget_with_one_finding()
    {
        // Each query would run for 10 s (a billion triples); the whole run has 2 s, so the first
        // object is stopped by the run's budget and all 20 are reported as not evaluated.
        var files = new List<(string, string)>
        {
            ("steward.yaml", Settings + "policies:\n  limits:\n    timeout: 10s\n    runTimeout: 2s\n"),
            ("policies/slow.rego", "package slow\nr := numbers.range(1, 1000)\ndeny contains \"never\" if {\n  some i in r\n  some j in r\n  some k in r\n  i + j + k < 0\n}\n"),
        };
        for (var i = 0; i < 20; i++) files.Add(($"manifests/d{i:00}.yaml", Deployment($"d{i:00}")));

        var result = Check([.. files]);

        var budget = result.Findings.Should().ContainSingle(f => f.RuleId.StartsWith("policy", StringComparison.Ordinal)).Subject;
        budget.RuleId.Should().Be("policy-budget");
        budget.Severity.Should().Be(Severity.Error);
        budget.Message.Should().Be("policy budget exhausted: the policies were stopped after 2s (policies.limits.runTimeout); 20 of 20 objects were not fully evaluated, from Deployment d00 on");
        budget.Evidence["notEvaluated"].Should().Be(20);
        budget.Subject.File.Should().Be("manifests/d00.yaml");
    }

    [Fact]
    public void A_policy_calling_http_send_does_not_compile_by_default()
    {
        const string policy = "package net\ndeny contains \"x\" if {\n  r := http.send({\"method\": \"get\", \"url\": \"https://example.com\"})\n  r.status_code == 200\n}\n";
        var act = () => Check(("policies/net.rego", policy), ("manifests/a.yaml", Deployment("a")));

        act.Should().Throw<StewardInputException>().Which.Message.Should().StartWith("policies/net.rego:3:8: rego_type_error: undefined function http.send");
    }

    [Fact]
    public void Allowing_the_network_keeps_http_send_defined_and_denying_the_clock_removes_time_now_ns()
    {
        const string policy = "package net\ndeny contains \"x\" if {\n  r := http.send({\"method\": \"get\", \"url\": \"https://example.com\"})\n  r.status_code == 200\n}\n";
        var allowed = Check(("steward.yaml", Settings + "policies:\n  capabilities:\n    allowNetwork: true\n"), ("policies/net.rego", policy), ("manifests/a.yaml", Deployment("a")));
        allowed.Findings.Should().NotContain(f => f.RuleId == "policy/net/deny");

        var act = () => Check(
            ("steward.yaml", Settings + "policies:\n  capabilities:\n    deny: [clock]\n"),
            ("policies/t.rego", "package t\ndeny contains \"late\" if time.now_ns() > 0\n"),
            ("manifests/a.yaml", Deployment("a")));
        act.Should().Throw<StewardInputException>().Which.Message.Should().StartWith("policies/t.rego:2:25: rego_type_error: undefined function time.now_ns");
    }

    [Theory]
    [InlineData("limits:\n    timeout: 5 parsecs", "steward.yaml:5:14: policies.limits.timeout: expected a duration such as 500ms, 5s or 2m, got \"5 parsecs\"")]
    [InlineData("limits:\n    maxStringBytes: -1", "steward.yaml:5:21: policies.limits.maxStringBytes: expected a positive number of bytes such as 1048576 or 32Mi, got \"-1\"")]
    [InlineData("limits:\n    maxCollectionSize: 0", "steward.yaml:5:24: policies.limits.maxCollectionSize: expected a whole number from 1 to 2147483647, got 0")]
    [InlineData("capabilities:\n    deny: [clock, htp.send]", "steward.yaml:5:19: policies.capabilities.deny[1]: unknown builtin \"htp.send\" (a builtin name, or one of clock, environment, network, randomness)")]
    public void Bad_limit_settings_are_input_errors_naming_the_field(string block, string expected)
    {
        var act = () => Check(("steward.yaml", Settings + "policies:\n  " + block + "\n"), ("manifests/a.yaml", Deployment("a")));

        act.Should().Throw<StewardInputException>().Which.Message.Should().Be(expected);
    }

    [Fact]
    public void Limit_settings_are_read_with_their_units()
    {
        using var repo = Repository(("steward.yaml", Settings + "policies:\n  limits:\n    timeout: 500ms\n    runTimeout: 1m\n    maxStringBytes: 4Mi\n    maxAllocationBytes: 1Gi\n    maxCollectionSize: 5000\n    maxDepth: 100\n    maxSteps: 1000000\n"));
        var limits = RepositoryLoader.LoadFolder(repo.Path).Settings.PolicyLimits;

        limits.Timeout.Should().Be(TimeSpan.FromMilliseconds(500));
        limits.RunTimeout.Should().Be(TimeSpan.FromMinutes(1));
        limits.MaxStringBytes.Should().Be(4L * 1024 * 1024);
        limits.MaxAllocationBytes.Should().Be(1024L * 1024 * 1024);
        limits.MaxCollectionSize.Should().Be(5000);
        limits.MaxDepth.Should().Be(100);
        limits.MaxSteps.Should().Be(1_000_000);
    }

    [Fact]
    public void A_manifest_nested_too_deep_for_policies_is_an_input_error_naming_its_file()
    {
        // 1,500 nested mappings under data: deeper than the 512 levels a policy input may have, and
        // than the 256 levels the YAML reader allows, which stops it first: the 256th nested "k:"
        // (line 5 + 256, column 2·256 + 1) opens level 257.
        var yaml = new System.Text.StringBuilder("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: deep\ndata:\n");
        for (var i = 0; i < 1500; i++) yaml.Append(new string(' ', 2 * (i + 1))).Append("k:\n");
        yaml.Append(new string(' ', 2 * 1501)).Append("v: 1\n");

        var act = () => Check(("policies/fine.rego", Fine), ("manifests/deep.yaml", yaml.ToString()));

        act.Should().Throw<StewardInputException>().Which.Message.Should().StartWith("manifests/deep.yaml:261:513: nesting deeper than 256 levels");
    }
}
