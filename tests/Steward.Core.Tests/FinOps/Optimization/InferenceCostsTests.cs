using Steward.Core.FinOps;
using Steward.Core.FinOps.Allocation;
using Steward.Core.FinOps.Optimization;
using Steward.Core.FinOps.Usage;
using Steward.Core.Governance;
using Steward.Core.Storage;
using Steward.Core.Tests.FinOps.Allocation;

using Steward.TestSupport;

namespace Steward.Core.Tests.FinOps.Optimization;

public class InferenceCostsTests
{
    // api (model fraud 1.2): 0.0645 · (1 + 7.08156640625 / 5.79843359375) = 0.14327317655158753 USD (pandas, no shared namespaces)
    private const decimal FraudCost = 0.14327317655158753m;

    private static (IReadOnlyList<ModelVersionCost>? Models, bool HasTable) Run(string? inferencesSql)
    {
        using var temp = new Steward.TestSupport.TempFolder();
        var (repo, usage) = UsageFixture.Write(temp);
        temp.Write("repo/models/fraud.yaml", """
            apiVersion: steward.dev/v1alpha1
            kind: ModelVersion
            metadata:
              name: fraud-1.2
            spec:
              model: fraud
              version: "1.2"
              license: Apache-2.0
              costPerInferenceUsd: 0.0001
            """);
        using var store = StewardStore.Open(temp["s.duckdb"], FinOpsSchema.Module);
        new UsageImporter(store).Import([usage]);
        if (inferencesSql is not null) store.Execute(inferencesSql);
        var repository = RepositoryLoader.LoadFolder(repo);
        var counts = InferenceCosts.Load(store);
        if (counts is null) return (null, false);
        var samples = UsageSample.Load(store);
        return (InferenceCosts.Analyze(CostAllocator.Allocate(samples, repository), repository, counts), true);
    }

    [Fact]
    public void Without_an_inferences_table_the_analysis_is_skipped() =>
        Run(null).HasTable.Should().BeFalse();

    [Fact]
    public void Cost_per_1000_inferences_above_the_declared_cost_is_a_finding()
    {
        var (models, _) = Run("CREATE TABLE inferences (model VARCHAR, model_version VARCHAR, count BIGINT); INSERT INTO inferences VALUES ('fraud', '1.2', 600), ('fraud', '1.2', 400)");

        var fraud = models!.Single();
        fraud.Inferences.Should().Be(1000);
        fraud.Cost.Should().BeApproximately(FraudCost, 1e-9m);
        fraud.CostPer1000.Should().BeApproximately(FraudCost, 1e-9m);   // cost / 1000 · 1000
        fraud.DeclaredPer1000.Should().Be(0.1m);                         // 0.0001 · 1000
        fraud.Finding!.RuleId.Should().Be("cost-per-inference");
    }

    [Fact]
    public void A_deployed_version_without_inferences_is_sprawl()
    {
        var (models, _) = Run("CREATE TABLE inferences (model VARCHAR, model_version VARCHAR); INSERT INTO inferences VALUES ('fraud', '1.1')");

        var fraud = models!.Single();
        fraud.Inferences.Should().Be(0);
        fraud.Finding!.RuleId.Should().Be("model-sprawl");
        fraud.Finding.Subject.ModelVersion.Should().Be("1.2");
    }
}
