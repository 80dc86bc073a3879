using Steward.Core.Alignment.Ingest;
using Steward.Core.FinOps;
using Steward.Core.FinOps.Allocation;
using Steward.Core.FinOps.Optimization;
using Steward.Core.FinOps.Usage;
using Steward.Core.Governance;
using Steward.Core.Storage;
using Steward.TestSupport;

namespace Steward.Core.Tests.FinOps.Optimization;

/// <summary>Cost per inference and sprawl against the real inference log of the alignment store.</summary>
public sealed class InferenceCostsTests : IDisposable
{
    // api (model fraud 1.2): 0.0645 · (1 + 7.08156640625 / 5.79843359375) = 0.14327317655158753 USD (pandas, no shared namespaces)
    private const decimal FraudCost = 0.14327317655158753m;

    private readonly Steward.TestSupport.TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    private const string FraudModel = """
        apiVersion: steward.dev/v1alpha1
        kind: ModelVersion
        metadata:
          name: fraud-1.2
        spec:
          model: fraud
          version: "1.2"
          license: Apache-2.0
          costPerInferenceUsd: 0.0001
        """;

    /// <summary>The fixture's usage, and the given inference logs ingested as steward ingest inferences does.</summary>
    private (IStewardStore Store, GovernanceRepository Repository, AllocationResult Allocation) Setup(params (string Model, string Version, string Log)[] logs)
        => Setup(null, logs);

    private (IStewardStore Store, GovernanceRepository Repository, AllocationResult Allocation) Setup(string? settings, params (string Model, string Version, string Log)[] logs)
    {
        var (repo, usage) = UsageFixture.Write(temp);
        if (settings is not null) temp.Write("repo/steward.yaml", settings);
        temp.Write("repo/models/fraud.yaml", FraudModel);
        var store = StewardStore.Open(temp["s.duckdb"], FinOpsSchema.Module);
        new UsageImporter(store).Import([usage]);
        foreach (var (model, version, log) in logs)
            new InferenceImporter(store).Inferences(temp.Write($"{model}-{version}.csv", log), model, version);
        var repository = RepositoryLoader.LoadFolder(repo);
        return (store, repository, CostAllocator.Allocate(UsageSample.Load(store), repository));
    }

    private static IReadOnlyList<ModelVersionCost>? Analyze(IStewardStore store, GovernanceRepository repository, AllocationResult allocation)
    {
        var (from, to) = InferenceCosts.Period(allocation, null, null);
        var counts = InferenceCosts.Load(store, from, to);
        return counts is null ? null : InferenceCosts.Analyze(allocation, repository, counts);
    }

    [Fact]
    public void Without_an_inference_log_the_analysis_is_skipped()
    {
        var (store, repository, allocation) = Setup();
        using (store)
            Analyze(store, repository, allocation).Should().BeNull();
    }

    [Fact]
    public void Inferences_are_counted_from_the_ingested_log_within_the_usage_period()
    {
        var (store, repository, allocation) = Setup(("fraud", "1.2", UsageFixture.InferenceLog(1000)), ("fraud", "1.1", UsageFixture.InferenceLog(5)));
        using (store)
        {
            InferenceCosts.Period(allocation, null, null).Should().Be((
                new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2026, 11, 1, 2, 0, 0, DateTimeKind.Utc)));
            // 1,003 rows of 1.2 were ingested; the three outside 00:00–02:00 do not count.
            InferenceCosts.Load(store, new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2026, 11, 1, 2, 0, 0, DateTimeKind.Utc))
                .Should().BeEquivalentTo(new Dictionary<(string, string), long> { [("fraud", "1.2")] = 1000, [("fraud", "1.1")] = 5 });
            InferenceCosts.Load(store)![("fraud", "1.2")].Should().Be(1003);
        }
    }

    [Fact]
    public void Cost_per_1000_inferences_above_the_declared_cost_is_a_finding()
    {
        var (store, repository, allocation) = Setup(("fraud", "1.2", UsageFixture.InferenceLog(1000)));
        using (store)
        {
            var fraud = Analyze(store, repository, allocation)!.Single();

            fraud.Inferences.Should().Be(1000);
            fraud.Cost.Should().BeApproximately(FraudCost, 1e-9m);
            fraud.CostPer1000.Should().BeApproximately(FraudCost, 1e-9m);   // cost / 1000 · 1000
            fraud.DeclaredPer1000.Should().Be(0.1m);                         // 0.0001 · 1000
            fraud.Finding!.RuleId.Should().Be("cost-per-inference");
            fraud.Finding.Evidence["inferences"].Should().Be(1000L);
        }
    }

    [Fact]
    public void A_deployed_version_without_inferences_is_sprawl()
    {
        // Only version 1.1 served traffic; 1.2 is the one deployed.
        var (store, repository, allocation) = Setup(("fraud", "1.1", UsageFixture.InferenceLog(50)));
        using (store)
        {
            var fraud = Analyze(store, repository, allocation)!.Single();

            fraud.Inferences.Should().Be(0);
            fraud.CostPer1000.Should().BeNull();
            fraud.Finding!.RuleId.Should().Be("model-sprawl");
            fraud.Finding.Subject.ModelVersion.Should().Be("1.2");
            fraud.Finding.Evidence["cost"].Should().Be(fraud.Cost);
        }
    }

    [Fact]
    public void The_period_is_the_usage_span_narrowed_to_from_and_to()
    {
        var allocation = new AllocationResult([], [], [], 0, 0, 0, 2,
            new DateTime(2026, 11, 1, 6, 0, 0, DateTimeKind.Utc), new DateTime(2026, 11, 3, 5, 0, 0, DateTimeKind.Utc));

        InferenceCosts.Period(allocation, null, null).Should().Be(((DateTime?)allocation.From, (DateTime?)allocation.To));
        // --from 2026-11-02 --to 2026-11-02: the whole day, since usage covers it.
        InferenceCosts.Period(allocation, new DateOnly(2026, 11, 2), new DateOnly(2026, 11, 2)).Should().Be((
            (DateTime?)new DateTime(2026, 11, 2, 0, 0, 0, DateTimeKind.Utc), (DateTime?)new DateTime(2026, 11, 3, 0, 0, 0, DateTimeKind.Utc)));
        // --from 2026-10-01: usage starts later, so does the period.
        InferenceCosts.Period(allocation, new DateOnly(2026, 10, 1), null).From.Should().Be(allocation.From);
    }

    [Fact]
    public void Risk_adjusted_cost_adds_the_expected_cost_of_open_alignment_findings()
    {
        var (store, repository, allocation) = Setup("""
            apiVersion: steward.dev/v1alpha1
            kind: Settings
            prices: {cpuCoreHour: 0.04, memoryGiBHour: 0.005, gpuHour: 2.5}
            risk: {alignmentFindingCostUsd: 250}
            """, ("fraud", "1.2", UsageFixture.InferenceLog(1000)));
        using (store)
        {
            var (from, to) = InferenceCosts.Period(allocation, null, null);
            var open = new Dictionary<(string, string), int> { [("fraud", "1.2")] = 1, [("fraud", "*")] = 2, [("chat", "2.0")] = 4 };

            var fraud = InferenceCosts.Analyze(allocation, repository, InferenceCosts.Load(store, from, to)!, open).Single();

            fraud.OpenFindings.Should().Be(3);                                   // its own monitor's and two of all versions
            fraud.RiskCost.Should().Be(750m);                                    // 3 × 250
            fraud.RiskAdjustedCost.Should().BeApproximately(FraudCost + 750m, 1e-9m);
        }
    }
}
