using System.Data.Common;
using DuckDB.NET.Data;
using Steward.Core.FinOps.Usage;
using Steward.Core.Storage;

namespace Steward.Core.FinOps.Ledger;

/// <summary>
/// The store port of container usage (<c>cost_usage</c>, issue 17), one implementation per engine
/// (<see cref="UsageLedger.For"/>): appending the rows of an import, and reading samples back.
/// </summary>
internal interface IUsageLedger : IDisposable
{
    StoreEngine Engine { get; }

    /// <summary>The DuckDB connection that reads usage files: the store's own, or an in-memory one beside a PostgreSQL store.</summary>
    DuckDBConnection Files { get; }

    /// <summary>A transaction on the store's connection (an import that is not one file, such as a Prometheus range).</summary>
    DbTransaction BeginTransaction();

    /// <summary>Appends <paramref name="rows"/> under <paramref name="importId"/>, inside the caller's transaction; the row count.</summary>
    long Append(long importId, IEnumerable<StoredUsageRow> rows);

    /// <summary>The samples whose window starts at or after <paramref name="from"/> and before <paramref name="to"/>, by start, namespace, pod, container.</summary>
    IReadOnlyList<UsageSample> Samples(DateTime? from, DateTime? to);
}

/// <summary>One row of <c>cost_usage</c> as importers write it: amounts in resource-hours of the window.</summary>
internal sealed record StoredUsageRow(
    DateTime Start, DateTime End, string? Cluster, string Namespace, string? WorkloadKind, string? WorkloadName,
    string Pod, string Container, string? Node, string? LabelsJson,
    double CpuCoreHours, double CpuRequestCoreHours, double MemoryGiBHours, double MemoryRequestGiBHours, double GpuHours,
    double? GpuUtilization, double? NodeCpuCores, double? NodeMemoryGiB, double? NodeGpus);
