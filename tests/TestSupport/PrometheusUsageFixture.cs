using System.Globalization;
using System.Text;

namespace Steward.TestSupport;

/// <summary>
/// A small cluster as kube-state-metrics, cAdvisor and DCGM expose it, for one hour from
/// <see cref="Start"/> (2026-11-01 00:00 UTC): one sample a minute at :30 past each minute (never on a
/// window boundary), every value constant within each half hour, so that with <c>--step 30m</c> each
/// window's averages and rates are the exact values below.
/// <code>
/// pod (namespace)                      owner chain                              node    container  cpu req  cpu use (w1, w2)  mem req  mem use (w1, w2)  gpu
/// api-7d9f8b6c5-x2k4p (shop)           RS api-7d9f8b6c5 → Deployment api        node-a  app        0.5      0.75, 0.25        1 GiB    0.5, 1.5 GiB      -
/// web-5f6d7c8b9-abcde, -fghij (shop)   RS web-5f6d7c8b9 → Deployment web        node-a  nginx      0.25     0.125, 0.125      0.25 GiB 0.125, 0.125 GiB  -
/// db-0 (shop)                          StatefulSet db                           node-a  postgres   2        1.5, 2.5          4 GiB    6, 6 GiB          -
/// report-29414400-q8z7n (batch)        Job report-29414400 → CronJob report     node-b  job        1        0.5, 0.5          2 GiB    1, 1 GiB          -
/// llm-5c6d7e8f9-abcde (ml)             RS llm-5c6d7e8f9 → Deployment llm        node-b  server     4        3, 3.5            16 GiB   8, 8 GiB          1 (DCGM util 5 %, 8 %)
/// </code>
/// Pod labels (kube_pod_labels): api team=payments; web team=frontend, cost-center=cc-300; db team=data;
/// report team=data; llm team=ml, steward.dev/model=fraud, steward.dev/model-version=3.
/// Nodes (kube_node_status_capacity): node-a 8 cores, 32 GiB; node-b 16 cores, 64 GiB, 2 GPUs.
/// Noise that the queries must drop: the pause container (<c>container="POD"</c>) and the pod-level
/// cgroup (<c>container=""</c>) of api, each using 5 cores.
/// </summary>
internal static class PrometheusUsageFixture
{
    public static readonly DateTime Start = new(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);

    public const double GiB = 1024d * 1024 * 1024;

    private sealed record Container(string Ns, string Pod, string Name, string Node, double CpuReq, double Cpu1, double Cpu2, double MemReq, double Mem1, double Mem2, double Gpus = 0);

    private static readonly Container[] Containers =
    [
        new("shop", "api-7d9f8b6c5-x2k4p", "app", "node-a", 0.5, 0.75, 0.25, 1 * GiB, 0.5 * GiB, 1.5 * GiB),
        new("shop", "web-5f6d7c8b9-abcde", "nginx", "node-a", 0.25, 0.125, 0.125, 0.25 * GiB, 0.125 * GiB, 0.125 * GiB),
        new("shop", "web-5f6d7c8b9-fghij", "nginx", "node-a", 0.25, 0.125, 0.125, 0.25 * GiB, 0.125 * GiB, 0.125 * GiB),
        new("shop", "db-0", "postgres", "node-a", 2, 1.5, 2.5, 4 * GiB, 6 * GiB, 6 * GiB),
        new("batch", "report-29414400-q8z7n", "job", "node-b", 1, 0.5, 0.5, 2 * GiB, 1 * GiB, 1 * GiB),
        new("ml", "llm-5c6d7e8f9-abcde", "server", "node-b", 4, 3, 3.5, 16 * GiB, 8 * GiB, 8 * GiB, Gpus: 1),
    ];

    /// <summary>The governance repository: Git declares api and db; web, report and llm only run (their keys come from pod labels).</summary>
    public static readonly IReadOnlyList<(string Path, string Content)> Repository =
    [
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

    public static string Write(TempFolder temp)
    {
        foreach (var (path, content) in Repository) temp.Write("repo/" + path, content);
        return temp["repo"];
    }

    /// <summary>The OpenMetrics text of the hour (no TYPE lines: PromQL does not need them), ending in <c># EOF</c>.</summary>
    public static string OpenMetrics()
    {
        var text = new StringBuilder();
        var minutes = Enumerable.Range(0, 60).ToList();
        long At(int minute) => (long)(Start - DateTime.UnixEpoch).TotalSeconds + 60 * minute + 30;
        void Series(string name, string labels, Func<int, double> value)
        {
            foreach (var m in minutes)
                text.Append(CultureInfo.InvariantCulture, $"{name}{{{labels}}} {value(m).ToString("R", CultureInfo.InvariantCulture)} {At(m)}\n");
        }
        string L(params (string Key, string Value)[] labels) => string.Join(",", labels.Select(l => $"{l.Key}=\"{l.Value}\""));
        // A counter growing at `first` cores in the first half hour and `second` in the second, from a
        // large start (rate's extrapolation is never clamped at zero). Sample at minute m, second 30.
        Func<int, double> Counter(double first, double second) => m =>
            1_000_000 + (m < 30 ? first * (60 * m + 30) : first * 1800 + second * (60 * (m - 30) + 30));

        foreach (var c in Containers)
            Series("container_cpu_usage_seconds_total", L(("namespace", c.Ns), ("pod", c.Pod), ("container", c.Name), ("node", c.Node)), Counter(c.Cpu1, c.Cpu2));
        Series("container_cpu_usage_seconds_total", L(("namespace", "shop"), ("pod", "api-7d9f8b6c5-x2k4p"), ("container", "POD"), ("node", "node-a")), Counter(5, 5));
        Series("container_cpu_usage_seconds_total", L(("namespace", "shop"), ("pod", "api-7d9f8b6c5-x2k4p"), ("node", "node-a")), Counter(5, 5));
        foreach (var c in Containers)
            Series("container_memory_working_set_bytes", L(("namespace", c.Ns), ("pod", c.Pod), ("container", c.Name), ("node", c.Node)), m => m < 30 ? c.Mem1 : c.Mem2);
        Series("container_memory_working_set_bytes", L(("namespace", "shop"), ("pod", "api-7d9f8b6c5-x2k4p"), ("node", "node-a")), _ => 64 * GiB);

        foreach (var c in Containers)
        {
            var pod = L(("namespace", c.Ns), ("pod", c.Pod), ("container", c.Name), ("node", c.Node));
            Series("kube_pod_container_resource_requests", pod + "," + L(("resource", "cpu"), ("unit", "core")), _ => c.CpuReq);
            Series("kube_pod_container_resource_requests", pod + "," + L(("resource", "memory"), ("unit", "byte")), _ => c.MemReq);
            if (c.Gpus > 0) Series("kube_pod_container_resource_requests", pod + "," + L(("resource", "nvidia_com_gpu"), ("unit", "integer")), _ => c.Gpus);
        }

        Series("kube_pod_labels", L(("namespace", "shop"), ("pod", "api-7d9f8b6c5-x2k4p"), ("label_team", "payments")), _ => 1);
        Series("kube_pod_labels", L(("namespace", "shop"), ("pod", "web-5f6d7c8b9-abcde"), ("label_team", "frontend"), ("label_cost_center", "cc-300")), _ => 1);
        Series("kube_pod_labels", L(("namespace", "shop"), ("pod", "web-5f6d7c8b9-fghij"), ("label_team", "frontend"), ("label_cost_center", "cc-300")), _ => 1);
        Series("kube_pod_labels", L(("namespace", "shop"), ("pod", "db-0"), ("label_team", "data")), _ => 1);
        Series("kube_pod_labels", L(("namespace", "batch"), ("pod", "report-29414400-q8z7n"), ("label_team", "data")), _ => 1);
        Series("kube_pod_labels", L(("namespace", "ml"), ("pod", "llm-5c6d7e8f9-abcde"), ("label_team", "ml"), ("label_steward_dev_model", "fraud"), ("label_steward_dev_model_version", "3")), _ => 1);

        void Owner(string ns, string pod, string kind, string name) =>
            Series("kube_pod_owner", L(("namespace", ns), ("pod", pod), ("owner_kind", kind), ("owner_name", name), ("owner_is_controller", "true")), _ => 1);
        Owner("shop", "api-7d9f8b6c5-x2k4p", "ReplicaSet", "api-7d9f8b6c5");
        Owner("shop", "web-5f6d7c8b9-abcde", "ReplicaSet", "web-5f6d7c8b9");
        Owner("shop", "web-5f6d7c8b9-fghij", "ReplicaSet", "web-5f6d7c8b9");
        Owner("shop", "db-0", "StatefulSet", "db");
        Owner("batch", "report-29414400-q8z7n", "Job", "report-29414400");
        Owner("ml", "llm-5c6d7e8f9-abcde", "ReplicaSet", "llm-5c6d7e8f9");
        void ReplicaSet(string ns, string rs, string kind, string name) =>
            Series("kube_replicaset_owner", L(("namespace", ns), ("replicaset", rs), ("owner_kind", kind), ("owner_name", name), ("owner_is_controller", "true")), _ => 1);
        ReplicaSet("shop", "api-7d9f8b6c5", "Deployment", "api");
        ReplicaSet("shop", "web-5f6d7c8b9", "Deployment", "web");
        ReplicaSet("ml", "llm-5c6d7e8f9", "Deployment", "llm");

        void Capacity(string node, string resource, string unit, double value) =>
            Series("kube_node_status_capacity", L(("node", node), ("resource", resource), ("unit", unit)), _ => value);
        Capacity("node-a", "cpu", "core", 8);
        Capacity("node-a", "memory", "byte", 32 * GiB);
        Capacity("node-b", "cpu", "core", 16);
        Capacity("node-b", "memory", "byte", 64 * GiB);
        Capacity("node-b", "nvidia_com_gpu", "integer", 2);

        Series("DCGM_FI_DEV_GPU_UTIL", L(("gpu", "0"), ("UUID", "GPU-0f3c"), ("Hostname", "node-b"), ("namespace", "ml"), ("pod", "llm-5c6d7e8f9-abcde"), ("container", "server")), m => m < 30 ? 5 : 8);
        text.Append("# EOF\n");
        return text.ToString();
    }
}
