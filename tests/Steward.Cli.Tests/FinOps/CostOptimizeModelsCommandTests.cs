using System.Text.Json;

using Steward.TestSupport;

namespace Steward.Cli.Tests.FinOps;

/// <summary>
/// <c>steward cost optimize</c> per model version, end to end: the inference log ingested with
/// <c>steward ingest inferences</c>, container usage, and a FOCUS bill that prices node-a, all in one store.
/// </summary>
public sealed class CostOptimizeModelsCommandTests : IDisposable
{
    private readonly Steward.TestSupport.TempFolder temp = new();
    private readonly CostCli cli = new();

    public void Dispose()
    {
        cli.Dispose();
        temp.Dispose();
    }

    // node-a billed 1.20 USD for 00:00–02:00: 0.60 an hour against a capacity cost of 8 · 0.04 + 32 · 0.005 = 0.48.
    private const string NodeBill = """
        BilledCost,EffectiveCost,ListCost,BillingCurrency,ChargePeriodStart,ChargePeriodEnd,BillingPeriodStart,BillingPeriodEnd,ProviderName,ServiceName,ChargeCategory,ResourceId,Tags
        1.20,1.20,1.20,USD,2026-11-01T00:00:00Z,2026-11-01T02:00:00Z,2026-11-01,2026-12-01,Cloud,Compute,Usage,node-a,
        """;

    private string Setup()
    {
        var (repo, usage) = UsageFixture.Write(temp);
        temp.Write("repo/models/fraud.yaml", """
            apiVersion: steward.dev/v1alpha1
            kind: ModelVersion
            metadata:
              name: fraud-1.2
            spec:
              model: fraud
              version: "1.2"
              costPerInferenceUsd: 0.0001
            """);
        // The llm Deployment serves model chat 2.0, which no inference was logged for.
        temp.Write("repo/manifests/ml.yaml", File.ReadAllText(temp["repo/manifests/ml.yaml"])
            .Replace("    cost-center: cc-200\n", "    cost-center: cc-200\n    steward.dev/model: chat\n    steward.dev/model-version: \"2.0\"\n", StringComparison.Ordinal));
        return repo;
    }

    [Fact]
    public async Task Cost_per_1000_inferences_from_the_ingested_log_and_sprawl_for_a_version_without_inferences()
    {
        var repo = Setup();
        var log = temp.Write("fraud-1.2.csv", UsageFixture.InferenceLog(1200));

        var ingest = await cli.Run("ingest", "inferences", "--model", "fraud", "--version", "1.2", log);
        ingest.Exit.Should().Be(0, ingest.Err);
        ingest.Out.Should().EndWith("1203 inferences imported (import 1)\n");
        (await cli.Run("cost", "import-usage", temp["usage.csv"])).Exit.Should().Be(0);
        (await cli.Run("cost", "import", temp.Write("bill.csv", NodeBill))).Exit.Should().Be(0);

        var (exit, output, error) = await cli.Run("cost", "optimize", repo, "--format", "json");

        exit.Should().Be(0, error);
        var models = JsonDocument.Parse(output).RootElement.GetProperty("models").EnumerateArray()
            .ToDictionary(m => m.GetProperty("model").GetString() + " " + m.GetProperty("model_version").GetString());
        models.Keys.Should().BeEquivalentTo(["chat 2.0", "fraud 1.2"]);

        // pandas (OpenCost allocation, node-a priced at 0.60 / 0.48 of steward.yaml's prices, idle split by
        // each key's direct cost): api = 0.17995788417400232; 1,200 inferences in 00:00–02:00 (the three
        // rows outside are not counted) → 0.17995788417400232 / 1200 · 1000 = 0.14996490347833527 per 1,000.
        var fraud = models["fraud 1.2"];
        fraud.GetProperty("cost").GetDecimal().Should().BeApproximately(0.17995788417400232m, 1e-9m);
        fraud.GetProperty("inferences").GetInt64().Should().Be(1200);
        fraud.GetProperty("cost_per_1000").GetDecimal().Should().BeApproximately(0.14996490347833527m, 1e-9m);
        fraud.GetProperty("declared_per_1000").GetDecimal().Should().Be(0.1m);        // costPerInferenceUsd 0.0001 · 1000
        fraud.GetProperty("rule").GetString().Should().Be("cost-per-inference");
        fraud.GetProperty("open_alignment_findings").GetInt32().Should().Be(0);
        fraud.GetProperty("risk_adjusted_cost").GetDecimal().Should().Be(fraud.GetProperty("cost").GetDecimal());

        // chat 2.0 (llm on node-b, not billed: steward.yaml prices) = 12.231556034400406 (same pandas run), no inferences.
        var chat = models["chat 2.0"];
        chat.GetProperty("cost").GetDecimal().Should().BeApproximately(12.231556034400406m, 1e-9m);
        chat.GetProperty("inferences").GetInt64().Should().Be(0);
        chat.GetProperty("cost_per_1000").ValueKind.Should().Be(JsonValueKind.Null);
        chat.GetProperty("rule").GetString().Should().Be("model-sprawl");

        (exit, output, _) = await cli.Run("cost", "optimize", repo);
        exit.Should().Be(0);
        output.Should().MatchRegex(@"fraud\s+1\.2\s+0\.179958\s+1200\s+0\.149965\s+0\.10\s+0\s+0\.179958\s+cost-per-inference")
            .And.MatchRegex(@"chat\s+2\.0\s+12\.231556\s+0\s+0\s+12\.231556\s+model-sprawl");
    }

    [Fact]
    public async Task Check_with_the_store_warns_at_the_declared_price_line_of_a_version_above_its_cost_per_inference()
    {
        var repo = Setup();
        (await cli.Run("ingest", "inferences", "--model", "fraud", "--version", "1.2", temp.Write("fraud-1.2.csv", UsageFixture.InferenceLog(1200)))).Exit.Should().Be(0);
        (await cli.Run("cost", "import-usage", temp["usage.csv"])).Exit.Should().Be(0);
        (await cli.Run("cost", "import", temp.Write("bill.csv", NodeBill))).Exit.Should().Be(0);

        var (exit, output, error) = await cli.Run("check", repo, "--format", "json");

        var report = JsonDocument.Parse(output).RootElement;
        // The warning does not decide the gate: the exit follows the errors of the rest of the fixture alone.
        exit.Should().Be(report.GetProperty("summary").GetProperty("errors").GetInt32() > 0 ? 1 : 0, error);
        var finding = report.GetProperty("findings").EnumerateArray()
            .Should().ContainSingle(f => f.GetProperty("ruleId").GetString() == "cost-per-inference").Subject;
        // The same figures as cost optimize (pandas, above): 0.14996490347833527 per 1,000 against 0.0001 · 1000.
        finding.GetProperty("severity").GetString().Should().Be("warning");
        finding.GetProperty("subject").GetProperty("file").GetString().Should().EndWith("models/fraud.yaml");
        finding.GetProperty("subject").GetProperty("line").GetInt32().Should().Be(8, "the costPerInferenceUsd line of fraud.yaml");
        finding.GetProperty("evidence").GetProperty("cost_per_1000").GetDecimal().Should().BeApproximately(0.14996490347833527m, 1e-9m);
        finding.GetProperty("evidence").GetProperty("declared_per_1000").GetDecimal().Should().Be(0.1m);
        // Sprawl stays with cost optimize: chat 2.0 declares no cost per inference and is not judged here.
        output.Should().NotContain("model-sprawl");
    }

    [Fact]
    public async Task Risk_adjusted_cost_adds_the_expected_cost_of_an_open_monitor_breach()
    {
        var repo = Setup();
        temp.Write("repo/steward.yaml", File.ReadAllText(temp["repo/steward.yaml"]) + "\nrisk:\n  alignmentFindingCostUsd: 250\n");
        // The reference's amounts (1000 and above) are far from the log's (7 to 21): drift_share 1 > 0.3 in every hour.
        temp.Write("repo/data/fraud-reference.csv", "amount\n" + string.Concat(Enumerable.Range(0, 300).Select(i => $"{1000 + i}\n")));
        temp.Write("repo/monitors/fraud.yaml", """
            apiVersion: steward.dev/v1alpha1
            kind: Monitor
            metadata:
              name: fraud-drift
            spec:
              model: fraud
              version: "1.2"
              reference: data/fraud-reference.csv
              features: [amount]
              metrics:
                drift_share: {max: 0.3}
              window: hourly
            """);
        await cli.Run("ingest", "inferences", "--model", "fraud", "--version", "1.2", temp.Write("fraud-1.2.csv", UsageFixture.InferenceLog(1200)));
        await cli.Run("cost", "import-usage", temp["usage.csv"]);
        await cli.Run("cost", "import", temp.Write("bill.csv", NodeBill));
        var monitor = await cli.Run("monitor", "run", repo, "--from", "2026-11-01", "--to", "2026-11-01T02:00:00Z");
        monitor.Exit.Should().Be(1, monitor.Out + monitor.Err);

        var (exit, output, error) = await cli.Run("cost", "optimize", repo, "--format", "json");

        exit.Should().Be(0, error);
        var fraud = JsonDocument.Parse(output).RootElement.GetProperty("models").EnumerateArray()
            .Single(m => m.GetProperty("model").GetString() == "fraud");
        // One open finding (drift_share of fraud-drift, breached in its latest window) × 250 USD, plus the
        // allocated cost 0.17995788417400232 (pandas, as above).
        fraud.GetProperty("open_alignment_findings").GetInt32().Should().Be(1);
        fraud.GetProperty("risk_cost").GetDecimal().Should().Be(250m);
        fraud.GetProperty("risk_adjusted_cost").GetDecimal().Should().BeApproximately(250.17995788417400232m, 1e-9m);
    }
}
