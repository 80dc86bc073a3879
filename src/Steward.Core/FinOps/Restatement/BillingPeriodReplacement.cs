using System.Globalization;
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
    private readonly string keepClause;

    public BillingPeriodReplacement() : this([]) { }

    /// <param name="keep">Import ids whose charges stay even when they share a billing period with the new files.</param>
    public BillingPeriodReplacement(IReadOnlyCollection<long> keep)
        => keepClause = keep.Count == 0 ? "" : $" AND import_id NOT IN ({string.Join(", ", keep.Order().Select(id => id.ToString(CultureInfo.InvariantCulture)))})";

    /// <summary>The first import id of this command: earlier imports have smaller ids (one sequence).</summary>
    private long? firstImportId;

    public IReadOnlyList<ReplacedCharges> Replaced => replaced;

    /// <summary>Call inside the import's transaction, after the file of <paramref name="context"/> was inserted.</summary>
    public void AfterInsert(ImportContext context)
    {
        firstImportId ??= context.ImportId;
        // The periods of the new file; NULL provider or account match NULL (IS NOT DISTINCT FROM).
        var earlier = $"""
            FROM cost_focus o
            WHERE o.import_id < $first{keepClause.Replace("import_id", "o.import_id")} AND EXISTS (
                SELECT 1 FROM (SELECT DISTINCT ProviderName, BillingAccountId, BillingPeriodStart FROM cost_focus WHERE import_id = $id) n
                WHERE n.ProviderName IS NOT DISTINCT FROM o.ProviderName
                  AND n.BillingAccountId IS NOT DISTINCT FROM o.BillingAccountId
                  AND n.BillingPeriodStart IS NOT DISTINCT FROM o.BillingPeriodStart)
            """;
        (string, object?)[] parameters = [("first", firstImportId), ("id", context.ImportId)];
        using (var command = StoreSql.Command(context.Store.Connection, $"""
            SELECT o.import_id, o.ProviderName, o.BillingAccountId, o.BillingPeriodStart, o.BillingCurrency, count(*), sum(o.BilledCost)
            {earlier}
            GROUP BY ALL ORDER BY 1, 2, 3, 4, 5
            """, parameters))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                replaced.Add(new ReplacedCharges(context.ImportId, reader.GetInt64(0),
                    reader.IsDBNull(1) ? null : reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                    reader.IsDBNull(3) ? null : DateTime.SpecifyKind(reader.GetDateTime(3), DateTimeKind.Utc),
                    reader.GetString(4), Convert.ToInt64(reader.GetValue(5), CultureInfo.InvariantCulture), reader.GetDecimal(6)));
            }
        }
        // cost_focus is a view over a table per export shape: delete from each table under it.
        foreach (var (table, column) in CostFocusTables.UnderlyingTables(context.Store.Connection))
        {
            context.Store.Execute($"""
                DELETE FROM {table}
                WHERE import_id < $first{keepClause} AND EXISTS (
                    SELECT 1 FROM (SELECT DISTINCT ProviderName, BillingAccountId, BillingPeriodStart FROM cost_focus WHERE import_id = $id) n
                    WHERE n.ProviderName IS NOT DISTINCT FROM {column("ProviderName")}
                      AND n.BillingAccountId IS NOT DISTINCT FROM {column("BillingAccountId")}
                      AND n.BillingPeriodStart IS NOT DISTINCT FROM {column("BillingPeriodStart")})
                """, parameters);
        }
    }
}
