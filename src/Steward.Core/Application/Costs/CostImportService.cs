using Steward.Core.FinOps.Import;
using Steward.Core.FinOps.Restatement;

namespace Steward.Core.Application.Costs;

/// <summary>What <c>steward cost import</c> imports.</summary>
/// <param name="ReplacePeriod">The files are restated exports: the charges of the billing periods they contain are replaced, in the same transaction.</param>
public sealed record CostImportRequest(string Store, IReadOnlyList<string> Files, bool ReplacePeriod = false);

/// <param name="Replaced">With <see cref="CostImportRequest.ReplacePeriod"/>: the earlier charges the files replaced; null without it.</param>
public sealed record CostImportOutcome(IReadOnlyList<FocusImportResult> Results, IReadOnlyList<ReplacedCharges>? Replaced);

/// <summary>Imports FOCUS exports (all files or none; content already imported is skipped).</summary>
public sealed class CostImportService
{
    public CostImportOutcome Import(CostImportRequest request)
    {
        using var store = CostStores.OpenForWrite(request.Store);
        var replacement = request.ReplacePeriod ? new BillingPeriodReplacement() : null;
        var results = new FocusImporter(store).Import(request.Files, replacement is null ? null : replacement.AfterInsert);
        return new CostImportOutcome(results, replacement?.Replaced);
    }
}
