using System.Text.Json;
using Steward.TestSupport;

namespace Steward.Cli.Tests.FinOps;

/// <summary>
/// <c>steward cost tokens</c> and <c>steward check --store</c> end to end (issue 19): usage, an inference log with token
/// counts and a FOCUS export priced in tokens in one store. Expected figures: examples/llm-economics/expected.py.
/// </summary>
public sealed class CostTokensCommandTests : IDisposable
{
    private readonly TempFolder temp = new();
    private readonly CostCli cli = new();

    public void Dispose()
    {
        cli.Dispose();
        temp.Dispose();
    }

    private async Task<string> Setup()
    {
        var (repo, usage, log, focus) = TokenFixture.Write(temp);
        (await cli.Run("cost", "import-usage", usage)).Exit.Should().Be(0);
        (await cli.Run("ingest", "inferences", "--model", "chat", "--version", "2.0", log)).Exit.Should().Be(0);
        (await cli.Run("cost", "import", focus)).Exit.Should().Be(0);
        return repo;
    }

    [Fact]
    public async Task Json_reports_prices_per_million_tokens_and_gpu_hours_per_1000_requests()
    {
        var repo = await Setup();

        var (exit, output, error) = await cli.Run("cost", "tokens", repo, "--format", "json");

        exit.Should().Be(0, error);
        var root = JsonDocument.Parse(output).RootElement;
        root.GetProperty("from").GetString().Should().Be("2026-11-01T00:00:00Z");
        root.GetProperty("to").GetString().Should().Be("2026-11-01T02:00:00Z");
        var models = root.GetProperty("models").EnumerateArray().ToList();
        models.Select(m => $"{m.GetProperty("model").GetString()} {m.GetProperty("source").GetString()} {m.GetProperty("team").GetString()}")
            .Should().Equal("__unallocated__ api search", "chat self-hosted ml", "mistral-api api search", "mistral-api api support");
        var chat = models[1];
        chat.GetProperty("requests").GetInt64().Should().Be(24);
        chat.GetProperty("input_tokens").GetDecimal().Should().Be(27512);
        chat.GetProperty("output_tokens").GetDecimal().Should().Be(8305);
        chat.GetProperty("cost").GetDecimal().Should().Be(5.48m);
        chat.GetProperty("cost_per_million_tokens").GetDecimal().Should().BeApproximately(152.99997208m, 1e-8m);   // 5.48 / 35,817 × 1e6
        chat.GetProperty("cost_per_million_input_tokens").ValueKind.Should().Be(JsonValueKind.Null);
        chat.GetProperty("gpu_hours_per_1000_requests").GetDouble().Should().BeApproximately(83.333333333, 1e-6);   // 2 / 24 × 1000
        chat.GetProperty("api_equivalent_cost").GetDecimal().Should().BeApproximately(0.0225182772m, 1e-10m);
        chat.GetProperty("rule").GetString().Should().Be("cost-per-token");
        var support = models[3];
        support.GetProperty("cost_per_million_input_tokens").GetDecimal().Should().BeApproximately(0.6784775087m, 1e-10m);  // 0.88236 / 1,300,500 × 1e6
        support.GetProperty("cost_per_million_output_tokens").GetDecimal().Should().Be(0.72m);                            // 0.21618 / 300,250 × 1e6
        root.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("ruleId").GetString()).Should().Equal("cost-per-token", "cost-per-token");

        (exit, output, _) = await cli.Run("cost", "tokens", repo);
        exit.Should().Be(0);
        output.Should().MatchRegex(@"chat\s+2\.0\s+self-hosted\s+ml\s+24\s+27,512\s+8,305\s+5\.48\s+152\.999972\s+83\.3333\s+0\.022518\s+cost-per-token");
    }

    [Fact]
    public async Task Check_with_the_store_reports_cost_per_token_at_the_model_versions_declared_price()
    {
        var repo = await Setup();

        var (exit, output, error) = await cli.Run("check", repo, "--format", "json");

        error.Should().BeEmpty();
        var findings = JsonDocument.Parse(output).RootElement.GetProperty("findings").EnumerateArray()
            .Where(f => f.GetProperty("ruleId").GetString() == "cost-per-token").ToList();
        findings.Select(f => f.GetProperty("subject").GetProperty("file").GetString()).Should().Equal("models/chat.yaml", "models/mistral-api.yaml");
        findings[0].GetProperty("subject").GetProperty("line").GetInt32().Should().Be(10);   // costPerMillionTokensUsd: 1.0
        findings[0].GetProperty("evidence").GetProperty("declared_cost").GetDecimal().Should().Be(0.035817m);
        findings.Should().OnlyContain(f => f.GetProperty("severity").GetString() == "warning");
        // The fixture's Deployment breaks built-in rules (a container without CPU and memory limits: rule resources), so check fails for that alone.
        JsonDocument.Parse(output).RootElement.GetProperty("findings").EnumerateArray()
            .Where(f => f.GetProperty("severity").GetString() == "error").Should().NotBeEmpty();
        exit.Should().Be(1);
    }
}
