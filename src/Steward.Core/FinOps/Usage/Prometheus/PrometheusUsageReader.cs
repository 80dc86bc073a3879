using System.Globalization;

namespace Steward.Core.FinOps.Usage.Prometheus;

/// <summary>
/// Reads the usage of the windows of one chunk, [start, end) cut into steps, from Prometheus: runs the
/// <see cref="OpenCostQueries"/> at the end of every window and joins their answers per container and
/// window. A container appears when any of its usage or request series has a point in the window;
/// what is missing counts as 0 (a container without requests is charged its usage, as in OpenCost).
/// Values are checked as the CSV import checks them: finite, not negative, within
/// <see cref="UsageImporter"/>'s bounds; a bad value names the server, the series, the time and the query.
/// </summary>
public sealed class PrometheusUsageReader(PrometheusClient client)
{
    private sealed class Cell
    {
        public double CpuUsage, CpuRequest, MemUsage, MemRequest, Gpus;
        public double? GpuUtil;
        public string? Node;
    }

    public async Task<IReadOnlyList<PrometheusUsageRow>> ReadAsync(DateTime start, DateTime end, TimeSpan step, CancellationToken cancellationToken)
    {
        var range = ((long)step.TotalSeconds).ToString(CultureInfo.InvariantCulture) + "s";
        var first = start + step;
        var cells = new SortedDictionary<(long Time, string Ns, string Pod, string Container), Cell>();
        Cell CellOf(long time, PrometheusSeries s)
        {
            var key = (time, s.Label("namespace")!, s.Label("pod")!, s.Label("container")!);
            if (!cells.TryGetValue(key, out var cell)) cells[key] = cell = new Cell();
            return cell;
        }
        bool IsContainer(PrometheusSeries s) => s.Label("namespace") is not null && s.Label("pod") is not null && s.Label("container") is not null;

        async Task Each(string query, double max, Action<Cell, double, PrometheusSeries> apply)
        {
            foreach (var s in await Query(query).ConfigureAwait(false))
            {
                if (!IsContainer(s)) continue;
                foreach (var p in s.Points)
                    apply(CellOf(p.Time, s), Check(query, s, p, max), s);
            }
        }
        async Task<IReadOnlyList<PrometheusSeries>> Query(string query) =>
            await client.QueryRangeAsync(query, first, end, step, cancellationToken).ConfigureAwait(false);

        // One query at a time: each answer is folded into the cells and dropped before the next one.
        await Each(OpenCostQueries.CpuUsage(range), UsageImporter.MaxCores, (c, v, _) => c.CpuUsage = v).ConfigureAwait(false);
        await Each(OpenCostQueries.MemoryUsage(range), UsageImporter.MaxMemoryBytes, (c, v, _) => c.MemUsage = v).ConfigureAwait(false);
        await Each(OpenCostQueries.CpuRequests(range), UsageImporter.MaxCores, (c, v, s) => { c.CpuRequest = v; c.Node ??= s.Label("node"); }).ConfigureAwait(false);
        await Each(OpenCostQueries.MemoryRequests(range), UsageImporter.MaxMemoryBytes, (c, v, s) => { c.MemRequest = v; c.Node ??= s.Label("node"); }).ConfigureAwait(false);
        await Each(OpenCostQueries.GpuRequests(range), UsageImporter.MaxGpus, (c, v, s) => { c.Gpus = v; c.Node ??= s.Label("node"); }).ConfigureAwait(false);

        // GPU utilisation only refines containers that exist (DCGM also reports GPUs of pods without requests).
        var gpuQuery = OpenCostQueries.GpuUtilization(range);
        foreach (var s in await Query(gpuQuery).ConfigureAwait(false))
        {
            if (!IsContainer(s)) continue;
            foreach (var p in s.Points)
                if (cells.TryGetValue((p.Time, s.Label("namespace")!, s.Label("pod")!, s.Label("container")!), out var cell))
                    cell.GpuUtil = Check(gpuQuery, s, p, 100) / 100;
        }

        var capacity = new Dictionary<(long, string), (double? Cpu, double? Mem, double? Gpu)>();
        var capacityQuery = OpenCostQueries.NodeCapacity(range);
        foreach (var s in await Query(capacityQuery).ConfigureAwait(false))
        {
            if (s.Label("node") is not { } node) continue;
            var resource = s.Label("resource");
            foreach (var p in s.Points)
            {
                capacity.TryGetValue((p.Time, node), out var c);
                capacity[(p.Time, node)] = resource switch
                {
                    "cpu" => c with { Cpu = Check(capacityQuery, s, p, UsageImporter.MaxCores) },
                    "memory" => c with { Mem = Check(capacityQuery, s, p, UsageImporter.MaxMemoryBytes) },
                    "nvidia_com_gpu" => c with { Gpu = Check(capacityQuery, s, p, UsageImporter.MaxGpus) },
                    _ => c,
                };
            }
        }

        // Labels and owners are properties of the pod, not of a window: the chunk's union is used.
        var labels = new Dictionary<(string, string), SortedDictionary<string, string>>();
        foreach (var s in await Query(OpenCostQueries.PodLabels(range)).ConfigureAwait(false))
        {
            if (s.Label("namespace") is not { } ns || s.Label("pod") is not { } pod) continue;
            if (!labels.TryGetValue((ns, pod), out var set)) labels[(ns, pod)] = set = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach (var (key, value) in s.Labels)
                if (key.StartsWith("label_", StringComparison.Ordinal) && key.Length > 6 && value.Length > 0) set[key[6..]] = value;
        }
        var owners = new WorkloadOwners();
        owners.AddPodOwners(await Query(OpenCostQueries.PodOwners(range)).ConfigureAwait(false));
        owners.AddReplicaSetOwners(await Query(OpenCostQueries.ReplicaSetOwners(range)).ConfigureAwait(false));

        var rows = new List<PrometheusUsageRow>(cells.Count);
        var none = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var ((time, ns, pod, container), c) in cells)
        {
            var windowEnd = DateTime.UnixEpoch.AddSeconds(time);
            // A point outside the chunk (a server that does not align steps) is not a window of this import.
            if (windowEnd <= start || windowEnd > end) continue;
            var owner = owners.Resolve(ns, pod);
            (double? Cpu, double? Mem, double? Gpu) node = c.Node is { } n && capacity.TryGetValue((time, n), out var cap) ? cap : default;
            rows.Add(new PrometheusUsageRow(
                windowEnd - step, windowEnd, ns, pod, container, c.Node, owner?.Kind, owner?.Name,
                labels.TryGetValue((ns, pod), out var set) ? set : none,
                c.CpuUsage, c.CpuRequest, c.MemUsage, c.MemRequest, c.Gpus, c.GpuUtil, node.Cpu, node.Mem, node.Gpu));
        }
        return rows;
    }

    private double Check(string query, PrometheusSeries series, PrometheusPoint point, double max)
    {
        var v = point.Value;
        if (double.IsFinite(v) && v >= 0 && v <= max) return v;
        var at = DateTime.UnixEpoch.AddSeconds(point.Time).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var problem = !double.IsFinite(v) || v < 0 ? "is not a finite non-negative number" : $"is above {max.ToString(CultureInfo.InvariantCulture)}";
        throw new StewardInputException(
            $"Prometheus {client.Server}: series {series} at {at}: value {v.ToString(CultureInfo.InvariantCulture)} {problem}; nothing was imported; query: {query}");
    }
}
