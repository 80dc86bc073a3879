using Steward.Core.FinOps;
using Steward.Core.FinOps.Allocation;
using Steward.Core.FinOps.Usage;
using Steward.Core.Governance;
using Steward.Core.Storage;

using Steward.TestSupport;

namespace Steward.Core.Tests.FinOps.Allocation;

public class NodeChargesTests
{
    [Fact]
    public void A_nodes_FOCUS_charge_prices_its_windows()
    {
        using var temp = new Steward.TestSupport.TempFolder();
        var (repo, usage) = UsageFixture.Write(temp);
        using var store = StewardStore.Open(temp["s.duckdb"], FinOpsSchema.Module);
        new UsageImporter(store).Import([usage]);
        // node-a: 1.00 USD over both hours (0.50 a window); node-b: 4.00 USD for the first hour only.
        store.Execute("""
            INSERT INTO cost_focus_rows (import_id, BilledCost, EffectiveCost, ListCost, BillingCurrency, ChargePeriodStart, ChargePeriodEnd, ResourceId) VALUES
              (99, 1.00, 1.00, 1.00, 'USD', '2026-11-01 00:00:00', '2026-11-01 02:00:00', 'node-a'),
              (99, 4.00, 4.00, 4.00, 'USD', '2026-11-01 00:00:00', '2026-11-01 01:00:00', 'node-b'),
              (99, 9.00, 9.00, 9.00, 'USD', '2026-11-01 00:00:00', '2026-11-01 01:00:00', 'some-disk')
            """);

        var charges = NodeCharges.Load(store);
        charges.Should().HaveCount(3);
        charges[("node-a", new DateTime(2026, 11, 1, 1, 0, 0, DateTimeKind.Utc))].Should().Be(0.5m);

        var result = CostAllocator.Allocate(UsageSample.Load(store), RepositoryLoader.LoadFolder(repo), nodeCharges: charges);

        // node-b's second hour keeps steward.yaml's prices: llm 4·0.04 + 16·0.005 + 2.5 = 2.74, idle 12·0.04 + 48·0.005 + 1·2.5 = 3.22.
        // Total = 0.5 + 0.5 + 4.0 + 2.74 + 3.22 = 10.96
        result.Total.Should().BeApproximately(10.96m, 1e-12m);
        result.Rows.Sum(r => r.Total).Should().Be(result.Total);
        // ml direct: 2.74 · 4 / 5.96 (node-b capacity at list prices: 16·0.04 + 64·0.005 + 2·2.5) + 2.74 = 4.578926174496644
        result.Rows.Single(r => r.Keys[0] == "ml").Direct.Should().BeApproximately(4.578926174496644m, 1e-9m);
    }
}
