using Steward.Core.FinOps;
using Steward.Core.FinOps.Optimization;
using Steward.Core.FinOps.Usage;
using Steward.Core.Governance;
using Steward.Core.Storage;
using Steward.Core.Tests.FinOps.Allocation;

using Steward.TestSupport;

namespace Steward.Core.Tests.FinOps.Optimization;

public class UsageOptimizerTests
{
    private static readonly double[] CpuUsage =
        [0.12, 0.35, 0.2, 0.9, 0.41, 0.33, 0.28, 0.5, 0.61, 0.15, 0.22, 0.3, 0.27, 0.44, 0.38, 0.19, 0.25, 0.31, 0.29, 0.8];

    [Fact]
    public void Percentile_interpolates_like_numpy()
    {
        // numpy.percentile(v, 95) = 0.8050000000000002
        UsageOptimizer.Percentile(CpuUsage, 0.95).Should().BeApproximately(0.805, 1e-12);
        UsageOptimizer.Percentile([8, 8], 0.95).Should().Be(8);
    }

    [Fact]
    public void Rightsizing_recommends_p95_over_target_utilisation_with_the_monthly_saving()
    {
        using var temp = new Steward.TestSupport.TempFolder();
        var (repo, _) = UsageFixture.Write(temp);
        var repository = RepositoryLoader.LoadFolder(repo);
        // Three replicas of ml/llm for 20 hours, each requesting 2 cores and 16 GiB, using CpuUsage[h] cores and 15 GiB.
        var samples = new List<UsageSample>();
        var start = new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);
        for (var h = 0; h < CpuUsage.Length; h++)
            foreach (var pod in new[] { "llm-5c6d7e8f9-aaaaa", "llm-5c6d7e8f9-bbbbb", "llm-5c6d7e8f9-ccccc" })
                samples.Add(new UsageSample(start.AddHours(h), start.AddHours(h + 1), "ml", pod, "server", "node-b",
                    CpuUsage[h], 2, 15, 16, 0, null, null, null, null));

        var result = UsageOptimizer.Analyze(samples, repository);

        var cpu = result.Rightsizing.Single();            // memory: 15 / 0.7 = 21.4 > 16, no downsizing
        cpu.Workload.Should().Be("llm");
        cpu.Resource.Should().Be("cpu");
        cpu.Pods.Should().Be(3);
        // numpy: p = percentile(repeat(v, 3), 95) = 0.805; p / 0.7 = 1.15; (2 − 1.15) · 3 · 730 · 0.04 = 74.46
        cpu.P95.Should().BeApproximately(0.805, 1e-9);
        cpu.Recommended.Should().BeApproximately(1.15, 1e-9);
        cpu.MonthlySaving.Should().BeApproximately(74.46m, 1e-6m);
        cpu.Finding.RuleId.Should().Be("rightsizing");
        result.IdleGpus.Should().BeEmpty();
    }

    [Fact]
    public void Idle_gpus_and_oversized_memory_are_found_in_the_fixture()
    {
        using var temp = new Steward.TestSupport.TempFolder();
        var (repo, usage) = UsageFixture.Write(temp);
        using var store = StewardStore.Open(temp["s.duckdb"], FinOpsSchema.Module);
        new UsageImporter(store).Import([usage]);

        var result = UsageOptimizer.Analyze(UsageSample.Load(store), RepositoryLoader.LoadFolder(repo));

        // llm: GPU utilisation (0.05 + 0.08) / 2 = 0.065 < 0.10; 1 GPU · 730 h · 2.5 = 1825
        var gpu = result.IdleGpus.Single();
        gpu.Workload.Should().Be("llm");
        gpu.Utilization.Should().BeApproximately(0.065, 1e-12);
        gpu.MonthlyCost.Should().Be(1825m);
        gpu.Finding.RuleId.Should().Be("idle-gpu");
        // llm memory: p95 of [8, 8] GiB = 8 → 8 / 0.7 = 11.428571; (16 − 11.428571) · 730 · 0.005 = 16.685714285714283
        var memory = result.Rightsizing.Single(r => r.Workload == "llm" && r.Resource == "memory");
        memory.MonthlySaving.Should().BeApproximately(16.685714285714283m, 1e-9m);
    }
}
