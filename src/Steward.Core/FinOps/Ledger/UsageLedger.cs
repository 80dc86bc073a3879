using System.Data.Common;
using System.Globalization;
using DuckDB.NET.Data;
using Steward.Core.FinOps.Usage;
using Steward.Core.Storage;

namespace Steward.Core.FinOps.Ledger;

/// <summary>What both engines share for container usage: the query that reads samples back, with the engine's spelling of a few spots.</summary>
internal abstract class UsageLedger : IUsageLedger
{
    /// <summary>The usage ledger of <paramref name="store"/>'s engine.</summary>
    public static IUsageLedger For(IStewardStore store)
    {
        store.EnsureSchema(FinOpsSchema.Module);
        return StoreBackend.Port<IUsageLedger>(store, duck => new DuckDbUsageLedger(duck), pg => new PostgresUsageLedger(pg));
    }

    public abstract StoreEngine Engine { get; }

    public abstract DuckDBConnection Files { get; }

    protected abstract DbConnection Connection { get; }

    /// <summary>A nullable date-time parameter, typed so that the engine accepts it when it is NULL.</summary>
    protected abstract string TimeParameter(string name);

    /// <summary>A text column as the engine sorts it byte by byte (PostgreSQL's default collation does not).</summary>
    protected abstract string Sorted(string column);

    /// <summary>A JSON column as text.</summary>
    protected abstract string JsonText(string column);

    public abstract DbTransaction BeginTransaction();

    public abstract long Append(long importId, IEnumerable<StoredUsageRow> rows);

    public virtual void Dispose() { }

    public IReadOnlyList<UsageSample> Samples(DateTime? from, DateTime? to)
    {
        using var command = StoreSql.Command(Connection, $"""
            SELECT period_start, period_end, coalesce(namespace, ''), coalesce(pod, ''), coalesce(container, ''), node,
                   coalesce(cpu_core_hours, 0), coalesce(cpu_request_core_hours, 0), coalesce(memory_gib_hours, 0),
                   coalesce(memory_request_gib_hours, 0), coalesce(gpu_hours, 0), gpu_utilization, node_cpu_cores, node_memory_gib, node_gpus,
                   workload_kind, workload_name, {JsonText("labels")}
            FROM cost_usage
            WHERE ({TimeParameter("from")} IS NULL OR period_start >= {TimeParameter("from")}) AND ({TimeParameter("to")} IS NULL OR period_start < {TimeParameter("to")})
            ORDER BY period_start, {Sorted("namespace")}, {Sorted("pod")}, {Sorted("container")}
            """, ("from", from), ("to", to));
        using var reader = command.ExecuteReader();
        var samples = new List<UsageSample>();
        double? D(int i) => reader.IsDBNull(i) ? null : Convert.ToDouble(reader.GetValue(i), CultureInfo.InvariantCulture);
        while (reader.Read())
        {
            samples.Add(new UsageSample(
                DateTime.SpecifyKind(reader.GetDateTime(0), DateTimeKind.Utc), DateTime.SpecifyKind(reader.GetDateTime(1), DateTimeKind.Utc),
                reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5),
                D(6)!.Value, D(7)!.Value, D(8)!.Value, D(9)!.Value, D(10)!.Value, D(11), D(12), D(13), D(14))
            {
                WorkloadKind = reader.IsDBNull(15) ? null : reader.GetString(15),
                WorkloadName = reader.IsDBNull(16) ? null : reader.GetString(16),
                Labels = reader.IsDBNull(17) ? UsageSample.NoLabels : UsageSample.ParseLabels(reader.GetString(17)),
            });
        }
        return samples;
    }
}
