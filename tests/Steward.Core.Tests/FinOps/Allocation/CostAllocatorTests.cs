using Steward.Core.FinOps;
using Steward.Core.FinOps.Allocation;
using Steward.Core.FinOps.Usage;
using Steward.Core.Governance;
using Steward.Core.Storage;

using Steward.TestSupport;

namespace Steward.Core.Tests.FinOps.Allocation;

/// <summary>
/// Expected figures computed once with pandas from <see cref="UsageFixture"/> (calc as in OpenCost):
/// <code>
/// d['cpu'] = max(cpu_request_cores, cpu_usage_cores); d['mem'] = max(memory_request_bytes, memory_usage_bytes) / 2**30
/// d['cost'] = d.cpu*0.04 + d.mem*0.005 + d.gpu_count*2.5                       → Σ = 5.79843359375
/// idle per (node, hour) = max(0, cap_cpu − Σcpu)*0.04 + max(0, cap_mem/2**30 − Σmem)*0.005 + max(0, cap_gpu − Σgpu)*2.5
///                                                                                → Σ = 7.08156640625
/// shared (kube-system) = 0.01268359375; direct: llm 5.48, db 0.23, api 0.0645, orphan 0.01125
/// proportional: total_k = direct_k + (shared + idle) · direct_k / Σdirect;  even: direct_k + (shared + idle) / 4
/// </code>
/// </summary>
public class CostAllocatorTests
{
    private const decimal UsageCost = 5.79843359375m;
    private const decimal Idle = 7.08156640625m;
    private const decimal Shared = 0.01268359375m;

    private static (AllocationResult Result, GovernanceRepository Repo) Run(IReadOnlyCollection<string>? shared, IdleSplit split)
    {
        using var temp = new Steward.TestSupport.TempFolder();
        var (repo, usage) = UsageFixture.Write(temp);
        using var store = StewardStore.Open(temp["s.duckdb"], FinOpsSchema.Module);
        new UsageImporter(store).Import([usage]);
        var repository = RepositoryLoader.LoadFolder(repo);
        return (CostAllocator.Allocate(UsageSample.Load(store), repository, shared, split), repository);
    }

    private static decimal Row(AllocationResult result, string team) => result.Rows.Single(r => r.Keys[0] == team).Total;

    [Fact]
    public void Proportional_split_reaches_teams_models_and_unallocated_and_keeps_every_cent()
    {
        var (result, _) = Run(["kube-system"], IdleSplit.Proportional);

        result.Dimensions.Should().Equal("team", "cost-center", "model", "model_version");
        result.UsageCost.Should().BeApproximately(UsageCost, 1e-12m);
        result.IdleCost.Should().BeApproximately(Idle, 1e-12m);
        result.SharedCost.Should().BeApproximately(Shared, 1e-12m);
        // Σ rows = usage cost + idle, exactly (splits give the remainder to the last share).
        result.Rows.Sum(r => r.Total).Should().Be(result.Total);
        Math.Round(result.Total, 2).Should().Be(12.88m);   // 5.79843359375 + 7.08156640625

        Row(result, "ml").Should().BeApproximately(12.199351855852742m, 1e-9m);
        Row(result, "data").Should().BeApproximately(0.5120165924901698m, 1e-9m);
        Row(result, "payments").Should().BeApproximately(0.14358726180702586m, 1e-9m);
        Row(result, CostAllocator.Unallocated).Should().BeApproximately(0.02504428985006265m, 1e-9m);
        result.Rows.Single(r => r.Keys[0] == "payments").Keys.Should().Equal("payments", "cc-100", "fraud", "1.2");
        result.Rows.Single(r => r.Keys[0] == "ml").Direct.Should().Be(5.48m);
        result.Rows.Single(r => r.Keys[0] == "ml").Shared.Should().BeApproximately(0.012013324763427384m, 1e-9m);
        result.Rows.Single(r => r.Keys[0] == "ml").Idle.Should().BeApproximately(6.707338531089312m, 1e-9m);
    }

    [Fact]
    public void Even_split_gives_each_key_the_same_share()
    {
        var (result, _) = Run(["kube-system"], IdleSplit.Even);

        Row(result, "ml").Should().BeApproximately(7.2535625m, 1e-9m);
        Row(result, "data").Should().BeApproximately(2.0035625m, 1e-9m);
        Row(result, "payments").Should().BeApproximately(1.8380625m, 1e-9m);
        Row(result, CostAllocator.Unallocated).Should().BeApproximately(1.7848125m, 1e-9m);
        result.Rows.Sum(r => r.Total).Should().Be(result.Total);
    }

    [Fact]
    public void Without_shared_namespaces_the_system_pods_are_unallocated_not_dropped()
    {
        var (result, _) = Run(null, IdleSplit.Proportional);

        result.SharedCost.Should().Be(0);
        // coredns (0.01268359375) joins orphan-abc (0.01125) under __unallocated__, with their idle share:
        // (0.01268359375 + 0.01125) · (1 + 7.08156640625 / 5.79843359375)
        Row(result, CostAllocator.Unallocated).Should().BeApproximately(0.05316344190477089m, 1e-9m);
        result.Rows.Sum(r => r.Total).Should().Be(result.Total);
    }

    [Fact]
    public void Split_parts_sum_exactly()
    {
        var parts = CostAllocator.Split(1m, [1m, 1m, 1m]);
        parts.Sum().Should().Be(1m);
        parts[0].Should().Be(0.3333333333m);
        CostAllocator.Split(5m, [0m, 0m]).Should().Equal(2.5m, 2.5m);
    }
}
