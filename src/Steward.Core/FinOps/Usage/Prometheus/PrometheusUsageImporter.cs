using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Steward.Core.FinOps.Ledger;
using Steward.Core.Storage;

namespace Steward.Core.FinOps.Usage.Prometheus;

/// <summary>What one Prometheus import stored.</summary>
/// <param name="Replaced">Rows of earlier imports from the same server for the same windows, replaced by this one.</param>
public sealed record PrometheusImportResult(
    string Server, long ImportId, DateTime From, DateTime To, TimeSpan Step, long Windows, long Rows, long Replaced);

/// <summary>
/// Imports container usage from Prometheus into <c>cost_usage</c>, the rows the CSV import writes
/// (amounts are resource-hours of each window) plus what only Prometheus knows: the owning workload
/// (<c>workload_kind</c>, <c>workload_name</c>) and the pod's labels (<c>labels</c>, JSON).
/// <list type="bullet">
/// <item>Idempotent per window: the rows that earlier imports from the same server stored for the
/// windows of this one are deleted in the same transaction, so importing an overlapping range twice
/// stores each window once (and the newer answer wins, which completes windows that were still open).</item>
/// <item>Atomic: one transaction over all chunks; a failed query or a bad value leaves the store as it was.</item>
/// <item>Bounded in memory: one chunk of windows is read, written and dropped before the next.</item>
/// </list>
/// Each import is one row of <c>imports</c> (kind <c>usage-prometheus</c>, source: the server's URL);
/// its <c>sha256</c> identifies the request (server, range, step, id), not file content.
/// </summary>
public sealed class PrometheusUsageImporter(IStewardStore store, PrometheusClient client)
{
    public const string Kind = "usage-prometheus";

    public async Task<PrometheusImportResult> ImportAsync(PrometheusWindows windows, CancellationToken cancellationToken)
    {
        var source = client.Server;
        var reader = new PrometheusUsageReader(client);
        using var ledger = UsageLedger.For(store);
        using var transaction = ledger.BeginTransaction();
        try
        {
            var id = Convert.ToInt64(store.Scalar("SELECT nextval('imports_seq')"), CultureInfo.InvariantCulture);
            long rows = 0, replaced = 0;
            foreach (var (start, end) in windows.Chunks())
            {
                var chunk = await reader.ReadAsync(start, end, windows.Step, cancellationToken).ConfigureAwait(false);
                replaced += store.Execute("""
                    DELETE FROM cost_usage
                    WHERE import_id IN (SELECT import_id FROM imports WHERE kind = $kind AND source_path = $source)
                      AND period_start < $end AND period_end > $start
                    """, ("kind", Kind), ("source", source), ("start", start), ("end", end));
                ledger.Append(id, chunk.Select(Stored));
                rows += chunk.Count;
            }
            // Earlier imports keep their record; their row counts say what is left of them.
            store.Execute("""
                UPDATE imports SET row_count = (SELECT count(*) FROM cost_usage u WHERE u.import_id = imports.import_id)
                WHERE kind = $kind AND source_path = $source
                """, ("kind", Kind), ("source", source));
            var at = DateTime.UtcNow;
            at = new DateTime(at.Ticks - at.Ticks % 10, DateTimeKind.Utc);
            var identity = string.Join('\n', source, Stamp(windows.Start), Stamp(windows.End), windows.Step.TotalSeconds.ToString(CultureInfo.InvariantCulture), id.ToString(CultureInfo.InvariantCulture));
            store.Execute("INSERT INTO imports VALUES ($id, $kind, $path, $sha, $rows, $at)",
                ("id", id), ("kind", Kind), ("path", source), ("sha", Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity)))),
                ("rows", rows), ("at", at));
            transaction.Commit();
            return new PrometheusImportResult(source, id, windows.Start, windows.End, windows.Step, windows.Count, rows, replaced);
        }
        catch
        {
            // As in StewardStore.ImportFiles: a failed statement may already have aborted the transaction.
            try { transaction.Rollback(); } catch (System.Data.Common.DbException) { }
            throw;
        }
    }

    private static StoredUsageRow Stored(PrometheusUsageRow r)
    {
        var h = r.Hours;
        return new StoredUsageRow(
            r.Start, r.End, null, r.Namespace, r.WorkloadKind, r.WorkloadName, r.Pod, r.Container, r.Node,
            r.Labels.Count == 0 ? null : JsonSerializer.Serialize(r.Labels, LabelsJson.Default.IReadOnlyDictionaryStringString),
            r.CpuUsageCores * h, r.CpuRequestCores * h, r.MemoryUsageBytes / UsageImporter.GiB * h, r.MemoryRequestBytes / UsageImporter.GiB * h,
            r.Gpus * h, r.GpuUtilization, r.NodeCpuCores, r.NodeMemoryBytes is { } m ? m / UsageImporter.GiB : null, r.NodeGpus);
    }

    private static string Stamp(DateTime time) => time.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
