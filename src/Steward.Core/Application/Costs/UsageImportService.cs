using Steward.Core.FinOps.Usage;

namespace Steward.Core.Application.Costs;

/// <summary>Imports container usage (CSV or Parquet) for allocation: <c>steward cost import-usage</c>.</summary>
public sealed class UsageImportService
{
    public IReadOnlyList<UsageImportResult> Import(string storePath, IReadOnlyList<string> files)
    {
        using var store = CostStores.OpenForWrite(storePath);
        return new UsageImporter(store).Import(files);
    }
}
