using Steward.Core.FinOps.Ledger;
using Steward.Core.Storage;

namespace Steward.Core.FinOps.Restatement;

/// <summary>Charges of an earlier import that a restated export replaced: one billing period of one provider account, in one currency.</summary>
public sealed record ReplacedCharges(
    long ByImportId, long ReplacedImportId, string? ProviderName, string? BillingAccountId, DateTime? BillingPeriodStart,
    string Currency, long Rows, decimal BilledCost);

/// <summary>
/// Restated exports (<c>steward cost import --replace-period</c>): a provider re-sends a billing period
/// with corrected rows, and the new file must replace what was imported for that period instead of
/// adding to it. After each file's rows are inserted — inside the import's transaction, so that
/// the replacement commits or rolls back with it — the charges of <b>earlier commands' imports</b>
/// with the same (ProviderName, BillingAccountId, BillingPeriodStart) as any charge of the new file
/// are deleted. Files of the same command never replace each other: the parts of one multi-file
/// export are given together.
/// </summary>
public sealed class BillingPeriodReplacement
{
    private readonly List<ReplacedCharges> replaced = [];

    /// <summary>Earlier imports that are part of the new export (a drop folder's run whose unchanged parts were imported before): never replaced.</summary>
    private readonly IReadOnlyCollection<long> keep;

    public BillingPeriodReplacement() : this([]) { }

    /// <param name="keep">Import ids whose charges stay even when they share a billing period with the new files.</param>
    public BillingPeriodReplacement(IReadOnlyCollection<long> keep) => this.keep = keep;

    /// <summary>The first import id of this command: earlier imports have smaller ids (one sequence).</summary>
    private long? firstImportId;

    public IReadOnlyList<ReplacedCharges> Replaced => replaced;

    /// <summary>Call inside the import's transaction, after the file of <paramref name="context"/> was inserted.</summary>
    public void AfterInsert(ImportContext context)
    {
        firstImportId ??= context.ImportId;
        using var ledger = CostLedger.For(context.Store);
        replaced.AddRange(ledger.ReplaceBillingPeriods(context.ImportId, firstImportId.Value, keep));
    }
}
