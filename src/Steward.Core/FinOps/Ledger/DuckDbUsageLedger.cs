using System.Data.Common;
using DuckDB.NET.Data;
using Steward.Core.Storage;

namespace Steward.Core.FinOps.Ledger;

/// <summary>Container usage in the embedded DuckDB store, appended with DuckDB's Appender.</summary>
internal sealed class DuckDbUsageLedger(StewardStore store) : UsageLedger
{
    private readonly DuckDBConnection connection = StoreBackend.DuckDb(store);

    public override StoreEngine Engine => StoreEngine.DuckDb;

    public override DuckDBConnection Files => connection;

    protected override DbConnection Connection => connection;

    protected override string TimeParameter(string name) => "$" + name;

    protected override string Sorted(string column) => column;

    protected override string JsonText(string column) => $"CAST({column} AS VARCHAR)";

    public override DbTransaction BeginTransaction() => connection.BeginTransaction();

    public override long Append(long importId, IEnumerable<StoredUsageRow> rows)
    {
        using var appender = connection.CreateAppender("cost_usage");
        long count = 0;
        foreach (var r in rows)
        {
            appender.CreateRow()
                .AppendValue(importId)
                .AppendValue(r.Start).AppendValue(r.End)
                .AppendValue(r.Cluster).AppendValue(r.Namespace)
                .AppendValue(r.WorkloadKind).AppendValue(r.WorkloadName)
                .AppendValue(r.Pod).AppendValue(r.Container).AppendValue(r.Node)
                .AppendNullValue().AppendValue(r.LabelsJson)
                .AppendValue((double?)r.CpuCoreHours).AppendValue((double?)r.CpuRequestCoreHours)
                .AppendValue((double?)r.MemoryGiBHours).AppendValue((double?)r.MemoryRequestGiBHours)
                .AppendValue((double?)r.GpuHours).AppendValue(r.GpuUtilization)
                .AppendValue(r.NodeCpuCores).AppendValue(r.NodeMemoryGiB).AppendValue(r.NodeGpus)
                .EndRow();
            count++;
        }
        return count;
    }
}
