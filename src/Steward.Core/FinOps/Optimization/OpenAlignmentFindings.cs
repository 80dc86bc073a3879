using Steward.Core.Alignment.Ingest;
using Steward.Core.Alignment.Monitoring;
using Steward.Core.Storage;

namespace Steward.Core.FinOps.Optimization;

/// <summary>
/// The alignment findings still open per model version, from the monitor results that
/// <c>steward monitor run</c> stores: a (monitor, metric) is open when the latest window it was
/// computed for breached its threshold. A monitor without a version counts for every version of its model.
/// </summary>
public static class OpenAlignmentFindings
{
    /// <summary>The version key of a monitor that watches all versions of its model.</summary>
    public const string AllVersions = "*";

    /// <summary>Open findings per (model, version, <see cref="AllVersions"/> included); empty without monitor results.</summary>
    public static IReadOnlyDictionary<(string Model, string Version), int> Load(IStewardStore store)
    {
        if (store.SchemaVersion(AlignmentSchema.ModuleName) == 0) return new Dictionary<(string, string), int>();
        return MonitorResults.For(store).OpenBreaches();
    }

    /// <summary>The open findings that concern <paramref name="model"/> <paramref name="version"/>.</summary>
    public static int For(IReadOnlyDictionary<(string Model, string Version), int> open, string model, string version) =>
        (open.TryGetValue((model, version), out var own) ? own : 0) + (open.TryGetValue((model, AllVersions), out var all) ? all : 0);
}
