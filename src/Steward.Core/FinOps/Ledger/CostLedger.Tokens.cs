using System.Globalization;
using Steward.Core.FinOps.Reports;
using Steward.Core.FinOps.Tokens;

namespace Steward.Core.FinOps.Ledger;

internal abstract partial class CostLedger
{
    public IReadOnlyList<TokenCharge> TokenCharges(IReadOnlyList<CostDimension> dimensions, FocusColumn metric, CostFilter filter)
    {
        var (where, parameters) = Selection(dimensions, filter, NodeSelection.All);
        var inner = dimensions.Select((d, i) => $"{d.Sql("d" + N(i), Engine)} AS k{N(i)}, ");
        var outer = dimensions.Select((d, i) => $"{d.Display("k" + N(i), Engine)}, ");
        var keys = string.Concat(Enumerable.Range(0, dimensions.Count).Select(i => $"k{N(i)}, "));
        var n = dimensions.Count;
        var rows = new List<TokenCharge>();
        // The LIKE keeps the scan cheap; TokenUnit decides in C# which units really count tokens.
        Read($"""
            SELECT {string.Concat(outer)}PricingUnit, ConsumedUnit, ChargeDescription, SkuId, has_consumed, has_priced, cost, consumed, priced, n FROM (
                SELECT {string.Concat(inner)}PricingUnit, ConsumedUnit, ChargeDescription, SkuId,
                       ConsumedQuantity IS NOT NULL AS has_consumed, PricingQuantity IS NOT NULL AS has_priced,
                       coalesce(sum({metric.Name}), 0) AS cost, coalesce(sum(ConsumedQuantity), 0) AS consumed,
                       coalesce(sum(PricingQuantity), 0) AS priced, count(*) AS n
                FROM cost_focus
                WHERE {where} AND (lower(coalesce(PricingUnit, '')) LIKE '{TokenUnit.SqlLike}' OR lower(coalesce(ConsumedUnit, '')) LIKE '{TokenUnit.SqlLike}')
                GROUP BY {keys}PricingUnit, ConsumedUnit, ChargeDescription, SkuId, has_consumed, has_priced) AS grouped
            """, parameters, r =>
            {
                string? Text(int i) => r.IsDBNull(i) ? null : r.GetString(i);
                rows.Add(new TokenCharge(
                    [.. Enumerable.Range(0, n).Select(Text)], Text(n), Text(n + 1), Text(n + 2), Text(n + 3),
                    r.GetBoolean(n + 4), r.GetBoolean(n + 5), r.GetDecimal(n + 6),
                    Convert.ToDouble(r.GetValue(n + 7), CultureInfo.InvariantCulture), Convert.ToDouble(r.GetValue(n + 8), CultureInfo.InvariantCulture),
                    Convert.ToInt64(r.GetValue(n + 9), CultureInfo.InvariantCulture)));
            });
        return rows;
    }

    private static string N(int i) => i.ToString(CultureInfo.InvariantCulture);
}
