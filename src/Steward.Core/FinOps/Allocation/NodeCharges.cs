using Steward.Core.Storage;

namespace Steward.Core.FinOps.Allocation;

/// <summary>
/// What the FOCUS bill charged for each node in each usage window: the BilledCost of the charges
/// whose <c>ResourceId</c> is the node's name, prorated by the overlap of the charge period with the window:
/// <code>charge(node, window) = Σ BilledCost × |charge ∩ window| / |charge|</code>
/// </summary>
public static class NodeCharges
{
    public static IReadOnlyDictionary<(string Node, DateTime Start), decimal> Load(IStewardStore store)
    {
        using var command = StoreSql.Command(store.Connection, """
            WITH w AS (SELECT DISTINCT node, period_start, period_end FROM cost_usage WHERE node IS NOT NULL)
            SELECT w.node, w.period_start,
                   CAST(sum(f.BilledCost * CAST(
                       (epoch(least(w.period_end, f.ChargePeriodEnd)) - epoch(greatest(w.period_start, f.ChargePeriodStart)))
                       / (epoch(f.ChargePeriodEnd) - epoch(f.ChargePeriodStart)) AS DECIMAL(38, 12))) AS DECIMAL(38, 12))
            FROM w JOIN cost_focus f
              ON f.ResourceId = w.node AND f.ChargePeriodStart < w.period_end AND f.ChargePeriodEnd > w.period_start
             AND f.ChargePeriodEnd > f.ChargePeriodStart
            GROUP BY 1, 2
            """);
        using var reader = command.ExecuteReader();
        var result = new Dictionary<(string, DateTime), decimal>();
        while (reader.Read())
            result[(reader.GetString(0), DateTime.SpecifyKind(reader.GetDateTime(1), DateTimeKind.Utc))] = reader.GetDecimal(2);
        return result;
    }
}
