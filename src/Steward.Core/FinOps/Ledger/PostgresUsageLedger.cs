using System.Data.Common;
using DuckDB.NET.Data;
using Npgsql;
using NpgsqlTypes;
using Steward.Core.Storage;

namespace Steward.Core.FinOps.Ledger;

/// <summary>Container usage in a PostgreSQL store, appended with binary COPY inside the import's transaction.</summary>
internal sealed class PostgresUsageLedger(PostgresStore store) : UsageLedger
{
    private readonly NpgsqlConnection connection = StoreBackend.Postgres(store);
    private DuckDBConnection? files;

    public override StoreEngine Engine => StoreEngine.PostgreSql;

    /// <summary>An in-memory DuckDB, opened on first use, that reads usage files as for the embedded store.</summary>
    public override DuckDBConnection Files => files ??= PostgresCostLedger.OpenFileReader();

    protected override DbConnection Connection => connection;

    protected override string TimeParameter(string name) => $"CAST(${name} AS TIMESTAMPTZ)";

    protected override string Sorted(string column) => $"{column} COLLATE \"C\"";

    protected override string JsonText(string column) => $"CAST({column} AS TEXT)";

    public override DbTransaction BeginTransaction() => connection.BeginTransaction();

    public override long Append(long importId, IEnumerable<StoredUsageRow> rows)
    {
        using var writer = connection.BeginBinaryImport("""
            COPY cost_usage (import_id, period_start, period_end, cluster, namespace, workload_kind, workload_name, pod, container, node,
                             labels, cpu_core_hours, cpu_request_core_hours, memory_gib_hours, memory_request_gib_hours, gpu_hours,
                             gpu_utilization, node_cpu_cores, node_memory_gib, node_gpus) FROM STDIN (FORMAT BINARY)
            """);
        long count = 0;
        foreach (var r in rows)
        {
            writer.StartRow();
            writer.Write(importId, NpgsqlDbType.Bigint);
            writer.Write(DateTime.SpecifyKind(r.Start, DateTimeKind.Utc), NpgsqlDbType.TimestampTz);
            writer.Write(DateTime.SpecifyKind(r.End, DateTimeKind.Utc), NpgsqlDbType.TimestampTz);
            foreach (var text in (string?[])[r.Cluster, r.Namespace, r.WorkloadKind, r.WorkloadName, r.Pod, r.Container, r.Node])
                Write(writer, text, NpgsqlDbType.Text);
            Write(writer, r.LabelsJson, NpgsqlDbType.Jsonb);
            foreach (var number in (double?[])[r.CpuCoreHours, r.CpuRequestCoreHours, r.MemoryGiBHours, r.MemoryRequestGiBHours, r.GpuHours,
                r.GpuUtilization, r.NodeCpuCores, r.NodeMemoryGiB, r.NodeGpus])
            {
                if (number is { } value)
                    writer.Write(value, NpgsqlDbType.Double);
                else
                    writer.WriteNull();
            }
            count++;
        }
        writer.Complete();
        return count;
    }

    private static void Write(NpgsqlBinaryImporter writer, string? text, NpgsqlDbType type)
    {
        if (text is null)
            writer.WriteNull();
        else
            writer.Write(text, type);
    }

    public override void Dispose()
    {
        files?.Dispose();
        base.Dispose();
    }
}
