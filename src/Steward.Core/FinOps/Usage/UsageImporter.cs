using System.Globalization;
using DuckDB.NET.Data;
using Steward.Core.FinOps.Ledger;
using Steward.Core.Storage;

namespace Steward.Core.FinOps.Usage;

/// <summary>What one usage file added (or that it was already in the store).</summary>
public sealed record UsageImportResult(string Path, long ImportId, bool AlreadyImported, long Rows, DateTime? PeriodStart, DateTime? PeriodEnd);

/// <summary>
/// Imports container usage samples (a Prometheus export: one row per container and sample window)
/// into <c>cost_usage</c>. Each row is checked in C# so that a bad value is named by file, row and
/// column; all files or none are imported (one transaction), and content already imported is skipped.
/// </summary>
public sealed class UsageImporter(IStewardStore store)
{
    public const string Kind = "usage";

    /// <summary>GiB in bytes.</summary>
    public const double GiB = 1024d * 1024d * 1024d;

    /// <summary>The window a sample stands for when the file has no <c>window_seconds</c> column.</summary>
    public const double DefaultWindowSeconds = 3600;

    // Upper bounds, checked on the way in so that allocation, rightsizing and budgets can never fail on
    // stored usage (issue 12: 1e300 cores were accepted and overflowed every later cost to Infinity,
    // which .NET's decimal cannot hold). Each is far above any real machine, and with all of them a
    // row's cost stays finite and small enough for decimal: at most 10^5 cores, 2^50 bytes and 1,024
    // GPUs for 366 days is under 10^9 core-hours, 10^7 GiB-hours and 10^7 GPU-hours per row.

    /// <summary>CPU cores of a container or a node: 100,000 (the largest servers have a few thousand).</summary>
    public const double MaxCores = 100_000;

    /// <summary>Memory of a container or a node in bytes: 1 PiB (the largest servers have 32 TiB).</summary>
    public const double MaxMemoryBytes = 1024d * 1024 * 1024 * 1024 * 1024;

    /// <summary>GPUs of a container or a node: 1,024 (a node has at most a few dozen).</summary>
    public const double MaxGpus = 1024;

    /// <summary>The window one sample stands for: at most 366 days, in seconds.</summary>
    public const double MaxWindowSeconds = 366d * 24 * 3600;

    /// <summary>Sample times accepted: from 1970-01-01 to 2200-01-01 UTC (exclusive), as for FOCUS charge periods.</summary>
    public static readonly DateTime FirstInstant = new(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <inheritdoc cref="FirstInstant"/>
    public static readonly DateTime EndInstant = new(2200, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private static readonly string[] Required =
        ["timestamp", "namespace", "pod", "container", "cpu_request_cores", "cpu_usage_cores", "memory_request_bytes", "memory_usage_bytes"];

    private sealed record Row(
        DateTime Start, double Hours, string? Cluster, string Namespace, string Pod, string Container, string? Node,
        double CpuRequest, double CpuUsage, double MemRequest, double MemUsage, double Gpus, double? GpuUtil,
        double? NodeCpu, double? NodeMem, double? NodeGpus);

    public IReadOnlyList<UsageImportResult> Import(IReadOnlyList<string> paths)
    {
        using var ledger = UsageLedger.For(store);
        // Read and check every file before the transaction: a bad value fails before anything is written.
        var parsed = new Dictionary<string, List<Row>>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            var full = Path.GetFullPath(path);
            if (!File.Exists(full)) throw new FileNotFoundException(null, path);
            if (parsed.ContainsKey(full)) continue;
            try
            {
                parsed[full] = Read(ledger.Files, full, path);
            }
            catch (DuckDBException ex)
            {
                throw new StewardInputException($"{path}: cannot read the file: {ex.Message.Split('\n')[0]}; nothing was imported", ex);
            }
        }
        var outcomes = store.ImportFiles(paths, Kind, context => ledger.Append(context.ImportId, parsed[context.Path].Select(Stored)));
        return outcomes.Select((o, i) =>
        {
            var rows = parsed[Path.GetFullPath(paths[i])];
            return new UsageImportResult(paths[i], o.Record.ImportId, o.AlreadyImported, o.Record.Rows,
                rows.Count == 0 ? null : rows.Min(r => r.Start),
                rows.Count == 0 ? null : rows.Max(r => r.Start.AddHours(r.Hours)));
        }).ToList();
    }

    private static StoredUsageRow Stored(Row r) => new(
        r.Start, r.Start.AddHours(r.Hours), r.Cluster, r.Namespace, null, null, r.Pod, r.Container, r.Node, null,
        r.CpuUsage * r.Hours, r.CpuRequest * r.Hours, r.MemUsage / GiB * r.Hours, r.MemRequest / GiB * r.Hours, r.Gpus * r.Hours,
        r.GpuUtil, r.NodeCpu, r.NodeMem is { } m ? m / GiB : null, r.NodeGpus);

    private static List<Row> Read(System.Data.Common.DbConnection files, string full, string display)
    {
        var isParquet = full.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase);
        var quoted = full.Replace("'", "''", StringComparison.Ordinal);
        var sql = isParquet
            ? $"SELECT * FROM read_parquet('{quoted}')"
            : $"SELECT * FROM read_csv('{quoted}', all_varchar = true, header = true, parallel = false)";
        using var command = files.CreateCommand();
        command.CommandText = sql;
        System.Data.Common.DbDataReader reader;
        try
        {
            reader = command.ExecuteReader();
        }
        catch (DuckDBException ex)
        {
            throw new StewardInputException($"{display}: cannot read the file: {ex.Message.Split('\n')[0]}; nothing was imported", ex);
        }
        using (reader)
        {
            var index = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < reader.FieldCount; i++) index.TryAdd(reader.GetName(i).Trim(), i);
            var where = isParquet ? "" : " (header, line 1)";
            foreach (var name in Required)
                if (!index.ContainsKey(name))
                    throw new StewardInputException($"{display}: missing usage column {name}{where}; nothing was imported");

            var rows = new List<Row>();
            var n = 0;
            while (reader.Read())
            {
                n++;
                var at = isParquet ? $"row {n}" : $"row {n} (line {n + 1})";
                string? Text(string column)
                {
                    if (!index.TryGetValue(column, out var i) || reader.IsDBNull(i)) return null;
                    var value = reader.GetValue(i);
                    var text = value switch
                    {
                        DateTime d => DateTime.SpecifyKind(d, DateTimeKind.Utc).ToString("o", CultureInfo.InvariantCulture),
                        DateTimeOffset o => o.ToString("o", CultureInfo.InvariantCulture),
                        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                        _ => value.ToString(),
                    };
                    text = text?.Trim();
                    return string.IsNullOrEmpty(text) || text == "NULL" ? null : text;
                }
                StewardInputException Bad(string column, string problem) =>
                    new($"{display}: {at}, column {column}: {problem}; nothing was imported");
                string NonEmpty(string column) => Text(column) ?? throw Bad(column, "value is empty");
                double? Number(string column, bool required, double? max = null)
                {
                    var text = Text(column);
                    if (text is null) return required ? throw Bad(column, "value is empty") : null;
                    if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || !double.IsFinite(v))
                        throw Bad(column, $"value '{text}' is not a number");
                    if (v < 0) throw Bad(column, $"value '{text}' is negative");
                    if (max is { } m && v > m) throw Bad(column, $"value '{text}' is above {m.ToString(CultureInfo.InvariantCulture)}");
                    return v;
                }

                var stamp = NonEmpty("timestamp");
                DateTime start;
                if (double.TryParse(stamp, NumberStyles.Float, CultureInfo.InvariantCulture, out var epoch))
                {
                    // Checked in seconds first: DateTime.AddSeconds throws past the year 9999.
                    var first = (FirstInstant - DateTime.UnixEpoch).TotalSeconds;
                    var end = (EndInstant - DateTime.UnixEpoch).TotalSeconds;
                    if (!double.IsFinite(epoch) || epoch < first || epoch >= end)
                        throw Bad("timestamp", $"value '{stamp}' is out of range (Unix seconds from 1970 to 2199)");
                    start = DateTime.UnixEpoch.AddSeconds(epoch);
                }
                else if (DateTimeOffset.TryParse(stamp, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsedStamp))
                    start = parsedStamp.UtcDateTime;
                else
                    throw Bad("timestamp", $"value '{stamp}' is not an ISO 8601 date-time or Unix seconds");
                if (start < FirstInstant || start >= EndInstant)
                    throw Bad("timestamp", $"value '{stamp}' is out of range (from 1970 to 2199)");
                start = DateTime.SpecifyKind(new DateTime(start.Ticks - start.Ticks % 10), DateTimeKind.Utc);
                var window = Number("window_seconds", false, MaxWindowSeconds) ?? DefaultWindowSeconds;
                if (window <= 0) throw Bad("window_seconds", "value must be positive");
                rows.Add(new Row(
                    start, window / 3600d, Text("cluster"), NonEmpty("namespace"), NonEmpty("pod"), NonEmpty("container"), Text("node"),
                    Number("cpu_request_cores", true, MaxCores)!.Value, Number("cpu_usage_cores", true, MaxCores)!.Value,
                    Number("memory_request_bytes", true, MaxMemoryBytes)!.Value, Number("memory_usage_bytes", true, MaxMemoryBytes)!.Value,
                    Number("gpu_count", false, MaxGpus) ?? 0, Number("gpu_utilization", false, max: 1),
                    Number("node_cpu_cores", false, MaxCores), Number("node_memory_bytes", false, MaxMemoryBytes), Number("node_gpus", false, MaxGpus)));
            }
            return rows;
        }
    }
}
