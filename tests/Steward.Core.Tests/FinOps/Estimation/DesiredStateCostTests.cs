using Steward.Core.FinOps.Estimation;
using Steward.Core.Governance;
using Steward.Core.Kubernetes;
using Steward.TestSupport;
using static Steward.Core.Tests.Governance.RepositoryFixtures;

namespace Steward.Core.Tests.FinOps.Estimation;

public class DesiredStateCostTests
{
    private static CostEstimate Estimate(params (string, string)[] files)
    {
        using var repo = Repository(files);
        var loaded = RepositoryLoader.LoadFolder(repo.Path);
        return DesiredStateCost.Estimate(loaded.Manifests.Select(Workload.From).OfType<Workload>(), loaded.Settings);
    }

    [Fact]
    public void Prices_replicas_times_containers_at_opencost_defaults()
    {
        // 3 × (0.5 × 0.031611 + 1 GiB × 0.004237) × 730 = 3 × 0.0200425 × 730 = 43.893075
        var cost = Estimate(("manifests/a.yaml", Deployment("a", replicas: 3)));

        cost.Workloads.Should().ContainSingle().Which.MonthlyUsd.Should().Be(43.893075m);
        cost.TotalMonthlyUsd.Should().Be(43.893075m);
        cost.Scopes.Should().Equal(new Dictionary<string, decimal> { ["risk"] = 43.893075m });
    }

    [Fact]
    public void Missing_request_falls_back_to_limit_and_gpus_use_the_limit()
    {
        // requests absent → limits: 2 cores, 3 GiB; GPU limit 2.
        // 1 × (2 × 0.031611 + 3 × 0.004237 + 2 × 0.95) × 730 = (0.063222 + 0.012711 + 1.9) × 730 = 1442.43109
        var cost = Estimate(("manifests/a.yaml", """
            apiVersion: apps/v1
            kind: StatefulSet
            metadata: {name: s, labels: {team: t}}
            spec:
              template:
                spec:
                  containers:
                    - name: c
                      resources: {limits: {cpu: "2", memory: 3Gi, nvidia.com/gpu: 2}}
                  initContainers:
                    - name: init
                      resources: {requests: {cpu: "64", memory: 64Gi}}
            """));

        var workload = cost.Workloads.Should().ContainSingle().Subject;
        workload.CpuCores.Should().Be(2m);
        workload.MemoryGiB.Should().Be(3m);
        workload.Gpus.Should().Be(2m);
        workload.MonthlyUsd.Should().Be(1442.43109m);
    }

    [Fact]
    public void Prices_come_from_settings()
    {
        // 1 × (0.5 × 0.04 + 1 × 0.01) × 730 = 21.9
        var cost = Estimate(("steward.yaml", "apiVersion: steward.dev/v1alpha1\nkind: Settings\nprices: {cpuCoreHour: 0.04, memoryGiBHour: 0.01, gpuHour: 2}\n"),
            ("manifests/a.yaml", Deployment("a")));

        cost.TotalMonthlyUsd.Should().Be(21.9m);
    }

    [Fact]
    public void Only_deployments_and_statefulsets_have_a_steady_cost_and_unlabelled_ones_are_unallocated()
    {
        var cost = Estimate(("manifests/a.yaml", Deployment("a", team: "\"\"")),
            ("manifests/b.yaml", "apiVersion: batch/v1\nkind: Job\nmetadata: {name: j}\nspec: {template: {spec: {containers: [{name: c, resources: {requests: {cpu: 8}}}]}}}\n"));

        cost.Workloads.Select(w => (w.Workload.Name, w.Scope)).Should().Equal(("a", "__unallocated__"));
    }

    [Fact]
    public void Cost_change_per_workload_and_total()
    {
        using var baseRepo = Repository(("manifests/a.yaml", Deployment("a", replicas: 1)), ("manifests/gone.yaml", Deployment("gone")));
        using var headRepo = Repository(("manifests/a.yaml", Deployment("a", replicas: 3)), ("manifests/new.yaml", Deployment("new")));
        CostEstimate Of(TempFolder f)
        {
            var r = RepositoryLoader.LoadFolder(f.Path);
            return DesiredStateCost.Estimate(r.Manifests.Select(Workload.From).OfType<Workload>(), r.Settings);
        }

        var change = CostChange.Between(Of(baseRepo), Of(headRepo));

        // One replica of the fixture costs 14.631025 USD a month.
        change.Workloads.Select(w => (w.Name, w.BaseMonthlyUsd, w.MonthlyUsd, w.DeltaMonthlyUsd)).Should().Equal(
            ("a", 14.631025m, 43.893075m, 29.26205m),
            ("gone", 14.631025m, (decimal?)null, -14.631025m),
            ("new", (decimal?)null, 14.631025m, 14.631025m));
        change.DeltaMonthlyUsd.Should().Be(29.26205m);
    }

    [Fact]
    public void The_same_workload_in_several_files_is_costed_and_compared_file_by_file()
    {
        // One replica of the fixture (500m CPU, 1 GiB) costs (0.5 × 0.031611 + 1 × 0.004237) × 730 = 14.631025 USD a month.
        using var baseRepo = Repository(
            ("overlays/dev/deployment.yaml", Deployment("frontend", replicas: 1)),
            ("overlays/prod/deployment.yaml", Deployment("frontend", replicas: 2)),
            ("overlays/old/deployment.yaml", Deployment("frontend", replicas: 1)));
        using var headRepo = Repository(
            ("overlays/dev/deployment.yaml", Deployment("frontend", replicas: 1)),
            ("overlays/prod/deployment.yaml", Deployment("frontend", replicas: 3)),
            ("overlays/staging/deployment.yaml", Deployment("frontend", replicas: 2)),
            ("overlays/test/deployment.yaml", Deployment("frontend", replicas: 1)));
        CostEstimate Of(TempFolder f)
        {
            var r = RepositoryLoader.LoadFolder(f.Path);
            return DesiredStateCost.Estimate(r.Manifests.Select(Workload.From).OfType<Workload>(), r.Settings);
        }

        var head = Of(headRepo);
        var change = CostChange.Between(Of(baseRepo), head);

        head.Workloads.Select(w => (w.File, w.MonthlyUsd)).Should().Equal(
            ("overlays/dev/deployment.yaml", 14.631025m),
            ("overlays/prod/deployment.yaml", 43.893075m),
            ("overlays/staging/deployment.yaml", 29.26205m),
            ("overlays/test/deployment.yaml", 14.631025m));
        // dev and prod pair by file; old (removed) pairs with staging, the first new file; test is added.
        change.Workloads.Select(w => (w.File, w.Base?.File, w.BaseMonthlyUsd, w.MonthlyUsd)).Should().Equal(
            ("overlays/dev/deployment.yaml", "overlays/dev/deployment.yaml", 14.631025m, 14.631025m),
            ("overlays/prod/deployment.yaml", "overlays/prod/deployment.yaml", 29.26205m, 43.893075m),
            ("overlays/staging/deployment.yaml", "overlays/old/deployment.yaml", 14.631025m, 29.26205m),
            ("overlays/test/deployment.yaml", (string?)null, (decimal?)null, 14.631025m));
        change.BaseTotalMonthlyUsd.Should().Be(58.5241m);
        change.TotalMonthlyUsd.Should().Be(102.417175m);
    }
}
