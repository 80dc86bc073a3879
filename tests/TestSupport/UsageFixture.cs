using System.Globalization;
using System.Text;

namespace Steward.TestSupport;

/// <summary>
/// A small cluster for allocation tests: two nodes with known capacity, two hours of samples.
/// Prices (steward.yaml): CPU 0.04 $/core-hour, memory 0.005 $/GiB-hour, GPU 2.5 $/GPU-hour.
/// </summary>
internal static class UsageFixture
{
    public const string UsageCsv = """
timestamp,cluster,namespace,pod,container,node,cpu_request_cores,cpu_usage_cores,memory_request_bytes,memory_usage_bytes,gpu_count,gpu_utilization,node_cpu_cores,node_memory_bytes,node_gpus
2026-11-01T00:00:00Z,prod,shop,api-7d9f8b6c5-x2k4p,app,node-a,0.5,0.8,1073741824,536870912,0,,8,34359738368,0
2026-11-01T00:00:00Z,prod,shop,db-0,postgres,node-a,2,1.2,4294967296,6442450944,0,,8,34359738368,0
2026-11-01T00:00:00Z,prod,ml,llm-5c6d7e8f9-abcde,server,node-b,4,3,17179869184,8589934592,1,0.05,16,68719476736,2
2026-11-01T00:00:00Z,prod,kube-system,coredns-66bc5c9577-q7m2z,coredns,node-a,0.1,0.05,73400320,41943040,0,,8,34359738368,0
2026-11-01T00:00:00Z,prod,shop,orphan-abc,app,node-a,0.25,0.1,268435456,134217728,0,,8,34359738368,0
2026-11-01T01:00:00Z,prod,shop,api-7d9f8b6c5-x2k4p,app,node-a,0.5,0.3,1073741824,1610612736,0,,8,34359738368,0
2026-11-01T01:00:00Z,prod,shop,db-0,postgres,node-a,2,2.5,4294967296,4294967296,0,,8,34359738368,0
2026-11-01T01:00:00Z,prod,ml,llm-5c6d7e8f9-abcde,server,node-b,4,3.5,17179869184,8589934592,1,0.08,16,68719476736,2
2026-11-01T01:00:00Z,prod,kube-system,coredns-66bc5c9577-q7m2z,coredns,node-a,0.1,0.2,73400320,41943040,0,,8,34359738368,0
""";

    public static readonly IReadOnlyList<(string Path, string Content)> Repository =
    [
        ("budgets/ml.yaml", """
apiVersion: steward.dev/v1alpha1
kind: Budget
metadata:
  name: ml-monthly
spec:
  selector:
    matchLabels:
      team: ml
  amount: 100
  thresholds: [0.5, 0.8, 1.0]
---
apiVersion: steward.dev/v1alpha1
kind: Budget
metadata:
  name: payments-monthly
spec:
  selector:
    matchLabels:
      team: payments
  amount: 50
"""),
        ("manifests/ml.yaml", """
apiVersion: apps/v1
kind: Deployment
metadata:
  name: llm
  namespace: ml
  labels:
    team: ml
    cost-center: cc-200
spec:
  replicas: 1
  template:
    spec:
      containers:
        - name: server
          image: vllm:1
          resources:
            requests: {cpu: "4", memory: 16Gi, nvidia.com/gpu: 1}
            limits: {nvidia.com/gpu: 1}
"""),
        ("manifests/shop.yaml", """
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  namespace: shop
  labels:
    team: payments
    cost-center: cc-100
spec:
  replicas: 1
  template:
    metadata:
      labels:
        steward.dev/model: fraud
        steward.dev/model-version: "1.2"
    spec:
      containers:
        - name: app
          image: registry.example.com/api:1
          resources:
            requests: {cpu: 500m, memory: 1Gi}
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
  namespace: shop
  labels:
    team: data
spec:
  replicas: 1
  template:
    spec:
      containers:
        - name: postgres
          image: postgres:16
          resources:
            requests: {cpu: "2", memory: 4Gi}
"""),
        ("steward.yaml", """
apiVersion: steward.dev/v1alpha1
kind: Settings
labels:
  costAllocation: [team, cost-center]
prices:
  cpuCoreHour: 0.04
  memoryGiBHour: 0.005
  gpuHour: 2.5
"""),
    ];

    /// <summary>
    /// An inference log (<c>steward ingest inferences</c>) for the usage period 2026-11-01 00:00–02:00 UTC:
    /// <paramref name="inPeriod"/> rows every 6 s from 00:00:00, plus three rows outside the period
    /// (2026-10-31 23:59:59, 2026-11-01 02:00:00 and 2026-11-02 10:00:00) that must not be counted.
    /// </summary>
    public static string InferenceLog(int inPeriod)
    {
        var start = new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);
        var csv = new StringBuilder("timestamp,request_id,amount,pred\n");
        void Row(DateTime ts, string id) => csv.Append(CultureInfo.InvariantCulture, $"{ts:yyyy-MM-ddTHH:mm:ssZ},{id},{id.Length * 3.5},{id.Length % 2}\n");
        Row(start.AddSeconds(-1), "before");
        for (var i = 0; i < inPeriod; i++) Row(start.AddSeconds(6 * i), "r" + i.ToString(CultureInfo.InvariantCulture));
        Row(start.AddHours(2), "at-end");
        Row(start.AddDays(1).AddHours(10), "next-day");
        return csv.ToString();
    }

    /// <summary>Writes the repository to <c>repo/</c> and the usage to <c>usage.csv</c>; returns (repo folder, usage file).</summary>
    public static (string Repo, string Usage) Write(Steward.TestSupport.TempFolder temp)
    {
        foreach (var (path, content) in Repository) temp.Write("repo/" + path, content);
        return (temp["repo"], temp.Write("usage.csv", UsageCsv));
    }
}
