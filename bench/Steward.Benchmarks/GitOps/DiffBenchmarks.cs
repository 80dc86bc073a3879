using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using Steward.Benchmarks.Check;
using Steward.Core.GitOps.Diff;
using Steward.Core.Governance;

namespace Steward.Benchmarks.GitOps;

/// <summary>
/// <c>steward diff</c> without I/O: 5,000 desired objects against their live state as an API
/// server returns it (status, managedFields, defaulted fields, respelled quantities), one in
/// fifty really changed.
/// </summary>
[MemoryDiagnoser]
public class DiffBenchmarks
{
    private GovernanceRepository _repository = null!;
    private List<JsonObject> _live = [];

    [Params(5000)]
    public int Objects { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _repository = RepositoryLoader.LoadFolder(SyntheticRepository.Create(Objects));
        var i = 0;
        foreach (var obj in _repository.Manifests)
        {
            var live = (JsonObject)obj.Json.DeepClone();
            var metadata = (JsonObject)live["metadata"]!;
            metadata["namespace"] ??= "default";
            metadata["uid"] = Guid.NewGuid().ToString();
            metadata["resourceVersion"] = "123456";
            metadata["generation"] = 3;
            metadata["creationTimestamp"] = "2026-10-02T09:14:07Z";
            metadata["managedFields"] = new JsonArray(new JsonObject { ["manager"] = "argocd", ["operation"] = "Apply" });
            live["status"] = new JsonObject { ["replicas"] = 1, ["readyReplicas"] = 1 };
            if (live["spec"]?["template"]?["spec"] is JsonObject pod)
            {
                pod["dnsPolicy"] = "ClusterFirst";
                pod["restartPolicy"] = "Always";
                foreach (var container in ((JsonArray)pod["containers"]!).OfType<JsonObject>())
                {
                    container["imagePullPolicy"] = "IfNotPresent";
                    container["resources"]!["limits"]!["cpu"] = "1000m";
                }
            }
            if (i++ % 50 == 0 && live["spec"] is JsonObject spec && spec.ContainsKey("replicas")) spec["replicas"] = 9;
            _live.Add(live);
        }
    }

    [Benchmark]
    public int DiffLiveState() => LiveStateDiffer.Compare(_repository, _live).Count(SyncStatus.OutOfSync);
}
