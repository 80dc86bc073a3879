using System.Data.Common;
using System.Globalization;
using Steward.Core.Storage;

namespace Steward.Core.Alignment.Ingest;

/// <summary>Inference counts per (model, version): SQL both engines run alike.</summary>
internal static class InferenceCounts
{
    public static Dictionary<(string Model, string Version), long> Read(DbConnection connection, DateTime? from, DateTime? to)
    {
        // Bounds only when given: PostgreSQL cannot type a NULL parameter compared with nothing.
        var where = new List<string>();
        var parameters = new List<(string, object?)>();
        if (from is { } f) { where.Add("ts >= $from"); parameters.Add(("from", f)); }
        if (to is { } t) { where.Add("ts < $to"); parameters.Add(("to", t)); }
        var result = new Dictionary<(string, string), long>();
        using var query = StoreSql.Command(connection,
            $"SELECT model, version, count(*) FROM inferences{(where.Count == 0 ? "" : " WHERE " + string.Join(" AND ", where))} GROUP BY model, version",
            [.. parameters]);
        using var rows = query.ExecuteReader();
        while (rows.Read())
            result[(rows.GetString(0), rows.GetString(1))] = Convert.ToInt64(rows.GetValue(2), CultureInfo.InvariantCulture);
        return result;
    }
}
