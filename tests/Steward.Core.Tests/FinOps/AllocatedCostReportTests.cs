using Steward.Core.FinOps;
using Steward.Core.FinOps.Import;
using Steward.Core.FinOps.Reports;
using Steward.Core.FinOps.Usage;
using Steward.Core.Governance;
using Steward.Core.Storage;

using Steward.TestSupport;

namespace Steward.Core.Tests.FinOps;

/// <summary>
/// Allocation dimensions over FOCUS charges. Node shares computed independently with pandas: in each
/// usage hour of node-a, cost_i = max(cpu request, usage) · 0.04 + max(memory request, usage) GiB · 0.005
/// + GPUs · 2.5, and api's share of that hour's 0.60 is 0.60 · cost_api / Σ cost.
/// </summary>
public sealed class AllocatedCostReportTests : IDisposable
{
    private readonly TempFolder temp = new();
    private readonly StewardStore store;
    private readonly GovernanceRepository repository;

    public AllocatedCostReportTests()
    {
        var (repo, usage) = UsageFixture.Write(temp);
        repository = RepositoryLoader.LoadFolder(repo);
        store = StewardStore.Open(temp["s.duckdb"], FinOpsSchema.Module);
        new UsageImporter(store).Import([usage]);
        new FocusImporter(store).Import(temp.Write("bill.csv", """""
            BilledCost,EffectiveCost,ListCost,BillingCurrency,ChargePeriodStart,ChargePeriodEnd,BillingPeriodStart,BillingPeriodEnd,ProviderName,ServiceName,ChargeCategory,ResourceId,Tags
            0.60,0.60,0.60,USD,2026-11-01T00:00:00Z,2026-11-01T01:00:00Z,2026-11-01,2026-12-01,Cloud,Compute,Usage,node-a,
            0.60,0.60,0.60,USD,2026-11-01T01:00:00Z,2026-11-01T02:00:00Z,2026-11-01,2026-12-01,Cloud,Compute,Usage,node-a,
            0.25,0.25,0.25,USD,2026-11-01T00:00:00Z,2026-11-01T01:00:00Z,2026-11-01,2026-12-01,Cloud,Storage,Usage,vol-1,"{""steward.dev/model"": ""fraud"", ""team"": """"}"
            """""));
    }

    public void Dispose()
    {
        store.Dispose();
        temp.Dispose();
    }

    private CostReportResult Report(string groupBy, GovernanceRepository? repo) =>
        AllocatedCostReport.Run(store, CostDimension.ParseList(groupBy, AllocatedCostReport.Dimensions(repository.Settings)), repo);

    [Fact]
    public void Node_charges_follow_the_workloads_model_and_team_labels_hour_by_hour()
    {
        var report = Report("team,model,ChargePeriodStart:hour", repository);

        report.Dimensions.Should().Equal("team", "model", "ChargePeriodStart:hour");
        CostReportRow Row(string? team, string? model, string hour) =>
            report.Rows.Single(r => r.Keys.SequenceEqual([team, model, hour]));
        Row("payments", "fraud", "2026-11-01T00:00").Cost.Should().BeApproximately(0.13653825363076144m, 1e-9m);
        Row("payments", "fraud", "2026-11-01T01:00").Cost.Should().BeApproximately(0.10587660262435612m, 1e-9m);
        // The volume: model from its tag; an empty team tag owns nothing.
        Row("__unallocated__", "fraud", "2026-11-01T00:00").Cost.Should().Be(0.25m);
        report.Total.Should().Be(1.45m);
        report.Rows.Sum(r => r.Cost).Should().Be(1.45m);
    }

    [Fact]
    public void Without_the_repository_allocation_dimensions_are_tags()
    {
        var report = Report("model", null);

        report.Rows.Should().Equal(new CostReportRow(["__unallocated__"], 1.20m), new CostReportRow(["fraud"], 0.25m));
    }

    [Fact]
    public void Without_allocation_dimensions_it_is_the_plain_report()
    {
        Report("ServiceName", repository).Rows.Should().Equal(CostReport.Run(store, CostDimension.ParseList("ServiceName")).Rows);
    }
}
