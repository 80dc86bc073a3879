using System.Data.Common;
using System.Globalization;
using DuckDB.NET.Data;
using Steward.Core.FinOps.Import;
using Steward.Core.FinOps.Reports;
using Steward.Core.FinOps.Restatement;
using Steward.Core.Storage;

namespace Steward.Core.FinOps.Ledger;

/// <summary>
/// The SQL both engines share for FOCUS charges: one text per query, with the few spots where DuckDB
/// and PostgreSQL spell things differently (tags, date formats, epoch) asked of the engine. Results are
/// sorted in C# (ordinal, nulls last), never by the database's collation, so both stores answer alike.
/// </summary>
internal abstract partial class CostLedger(IStewardStore store) : ICostLedger
{
    /// <summary>The cost ledger of <paramref name="store"/>'s engine.</summary>
    public static ICostLedger For(IStewardStore store)
    {
        store.EnsureSchema(FinOpsSchema.Module);
        return StoreBackend.Port<ICostLedger>(store, duck => new DuckDbCostLedger(duck), pg => new PostgresCostLedger(pg));
    }

    protected IStewardStore Store { get; } = store;

    public abstract StoreEngine Engine { get; }

    public abstract DuckDBConnection Files { get; }

    /// <summary>The store's connection (for the queries of this class).</summary>
    protected abstract DbConnection Connection { get; }

    /// <summary>Seconds since 1970 of a timestamp, as a DOUBLE.</summary>
    protected abstract string Epoch(string timestamp);

    /// <summary>The tables under <c>cost_focus</c>, each with how it names a FOCUS column (NULL where it has none).</summary>
    protected abstract IReadOnlyList<(string Table, Func<string, string> Column)> UnderlyingTables();

    public abstract long Load(ImportContext context, FocusSource source);

    public virtual void Dispose() { }

    public FocusImportSummary Summary(long importId)
    {
        var totals = new List<CurrencyAmount>();
        Read("SELECT BillingCurrency, sum(BilledCost) FROM cost_focus WHERE import_id = $id GROUP BY BillingCurrency", [("id", importId)],
            r => totals.Add(new CurrencyAmount(r.GetString(0), r.GetDecimal(1))));
        DateTime? start = null, end = null;
        Read("SELECT min(ChargePeriodStart), max(ChargePeriodEnd) FROM cost_focus WHERE import_id = $id", [("id", importId)], r =>
        {
            start = r.IsDBNull(0) ? null : Utc(r.GetDateTime(0));
            end = r.IsDBNull(1) ? null : Utc(r.GetDateTime(1));
        });
        return new FocusImportSummary([.. totals.OrderBy(t => t.Currency, StringComparer.Ordinal)], start, end);
    }

    public IReadOnlyList<ReplacedCharges> ReplaceBillingPeriods(long importId, long firstImportId, IReadOnlyCollection<long> keep)
    {
        var keepClause = keep.Count == 0 ? "" : $" AND import_id NOT IN ({string.Join(", ", keep.Order().Select(id => id.ToString(CultureInfo.InvariantCulture)))})";
        // The periods of the new file; NULL provider or account match NULL (IS NOT DISTINCT FROM).
        string Periods(Func<string, string> column) => $"""
            EXISTS (
                SELECT 1 FROM (SELECT DISTINCT ProviderName, BillingAccountId, BillingPeriodStart FROM cost_focus WHERE import_id = $id) n
                WHERE n.ProviderName IS NOT DISTINCT FROM {column("ProviderName")}
                  AND n.BillingAccountId IS NOT DISTINCT FROM {column("BillingAccountId")}
                  AND n.BillingPeriodStart IS NOT DISTINCT FROM {column("BillingPeriodStart")})
            """;
        (string, object?)[] parameters = [("first", firstImportId), ("id", importId)];
        var replaced = new List<ReplacedCharges>();
        Read($"""
            SELECT o.import_id, o.ProviderName, o.BillingAccountId, o.BillingPeriodStart, o.BillingCurrency, count(*), sum(o.BilledCost)
            FROM cost_focus o
            WHERE o.import_id < $first{keepClause.Replace("import_id", "o.import_id")} AND {Periods(name => "o." + name)}
            GROUP BY o.import_id, o.ProviderName, o.BillingAccountId, o.BillingPeriodStart, o.BillingCurrency
            """, parameters, r => replaced.Add(new ReplacedCharges(importId, r.GetInt64(0),
                r.IsDBNull(1) ? null : r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2),
                r.IsDBNull(3) ? null : Utc(r.GetDateTime(3)),
                r.GetString(4), Convert.ToInt64(r.GetValue(5), CultureInfo.InvariantCulture), r.GetDecimal(6))));
        // cost_focus may be a view over several tables (DuckDB's part tables): delete from each table under it.
        foreach (var (table, column) in UnderlyingTables())
            Store.Execute($"DELETE FROM {table} WHERE import_id < $first{keepClause} AND {Periods(column)}", parameters);
        return [.. replaced
            .OrderBy(x => x.ReplacedImportId)
            .ThenBy(x => x.ProviderName, NullsLast)
            .ThenBy(x => x.BillingAccountId, NullsLast)
            .ThenBy(x => x.BillingPeriodStart ?? DateTime.MaxValue)
            .ThenBy(x => x.Currency, StringComparer.Ordinal)];
    }

    public IReadOnlyList<string> Currencies(CostFilter filter)
    {
        var (where, parameters) = filter.ToSql();
        var currencies = new List<string>();
        Read($"SELECT DISTINCT BillingCurrency FROM cost_focus WHERE {where}", parameters, r => currencies.Add(r.GetString(0)));
        return [.. currencies.Order(StringComparer.Ordinal)];
    }

    public IReadOnlyList<CostReportRow> Sum(IReadOnlyList<CostDimension> dimensions, FocusColumn metric, CostFilter filter, NodeSelection nodes = NodeSelection.All)
    {
        var (where, parameters) = Selection(dimensions, filter, nodes);
        var inner = dimensions.Select((d, i) => $"{d.Sql("d" + I(i), Engine)} AS k{I(i)}").ToList();
        var outer = dimensions.Select((d, i) => $"{d.Display("k" + I(i), Engine)} AS k{I(i)}").ToList();
        var keyNames = Enumerable.Range(0, dimensions.Count).Select(i => "k" + I(i)).ToList();
        var groupBy = keyNames.Count == 0 ? "" : "GROUP BY " + string.Join(", ", keyNames);
        var rows = new List<CostReportRow>();
        Read($"""
            SELECT {string.Concat(outer.Select(o => o + ", "))}cost FROM (
                SELECT {string.Concat(inner.Select(k => k + ", "))}coalesce(sum({metric.Name}), 0) AS cost
                FROM cost_focus WHERE {where}
                {groupBy}) AS grouped
            """, parameters, r => rows.Add(new CostReportRow(Keys(r, dimensions.Count), r.GetDecimal(dimensions.Count))));
        return rows;
    }

    public void ForEachNodeCharge(IReadOnlyList<CostDimension> dimensions, FocusColumn metric, CostFilter filter,
        Action<IReadOnlyList<string?>, string, DateTime, DateTime, decimal> charge)
    {
        var (where, parameters) = Selection(dimensions, filter, NodeSelection.OnNodes);
        var perRow = dimensions.Select((d, i) => $"{d.Display(d.Sql("d" + I(i), Engine), Engine)} AS k{I(i)}, ");
        var n = dimensions.Count;
        Read($"""
            SELECT {string.Concat(perRow)}ResourceId, ChargePeriodStart, ChargePeriodEnd, {metric.Name}
            FROM cost_focus WHERE {where}
            """, parameters, r => charge(Keys(r, n), r.GetString(n), Utc(r.GetDateTime(n + 1)), Utc(r.GetDateTime(n + 2)), r.GetDecimal(n + 3)));
    }

    public IReadOnlyList<(DateOnly Day, CostScope Scope, double Cost)> Daily(IReadOnlyList<CostDimension> dimensions, FocusColumn metric, CostFilter filter)
    {
        var (where, parameters) = Selection(dimensions, filter, NodeSelection.All);
        var inner = dimensions.Select((d, i) => $", {d.Sql("d" + I(i), Engine)} AS k{I(i)}");
        var outer = dimensions.Select((d, i) => $", {d.Display("k" + I(i), Engine)}");
        var groupKeys = string.Concat(Enumerable.Range(0, dimensions.Count).Select(i => ", k" + I(i)));
        var rows = new List<(DateOnly, CostScope, double)>();
        Read($"""
            SELECT day{string.Concat(outer)}, cost FROM (
                SELECT CAST(ChargePeriodStart AS DATE) AS day{string.Concat(inner)}, sum({metric.Name}) AS cost
                FROM cost_focus WHERE {where}
                GROUP BY day{groupKeys}) AS grouped
            """, parameters, r => rows.Add((DateOnly.FromDateTime(r.GetDateTime(0)),
                new CostScope(Enumerable.Range(1, dimensions.Count).Select(i => r.IsDBNull(i) ? null : r.GetString(i)).ToList()),
                (double)r.GetDecimal(dimensions.Count + 1))));
        return rows;
    }

    public IReadOnlyDictionary<(string Node, DateTime Start), decimal> NodeCharges()
    {
        var result = new Dictionary<(string, DateTime), decimal>();
        Read($"""
            WITH w AS (SELECT DISTINCT node, period_start, period_end FROM cost_usage WHERE node IS NOT NULL)
            SELECT w.node, w.period_start,
                   CAST(sum(f.BilledCost * CAST(
                       ({Epoch("least(w.period_end, f.ChargePeriodEnd)")} - {Epoch("greatest(w.period_start, f.ChargePeriodStart)")})
                       / ({Epoch("f.ChargePeriodEnd")} - {Epoch("f.ChargePeriodStart")}) AS DECIMAL(38, 12))) AS DECIMAL(38, 12))
            FROM w JOIN cost_focus f
              ON f.ResourceId = w.node AND f.ChargePeriodStart < w.period_end AND f.ChargePeriodEnd > w.period_start
             AND f.ChargePeriodEnd > f.ChargePeriodStart
            GROUP BY w.node, w.period_start
            """, [], r => result[(r.GetString(0), Utc(r.GetDateTime(1)))] = r.GetDecimal(2));
        return result;
    }

    /// <summary>The WHERE clause of a selection and its parameters, the dimensions' parameters included.</summary>
    private (string Where, List<(string Name, object? Value)> Parameters) Selection(IReadOnlyList<CostDimension> dimensions, CostFilter filter, NodeSelection nodes)
    {
        var (where, parameters) = filter.ToSql();
        for (var i = 0; i < dimensions.Count; i++)
        {
            if (dimensions[i].ParameterFor(Engine) is { } value)
                parameters.Add(("d" + I(i), value));
        }
        // ResourceId IN (...) is NULL for a charge without ResourceId: coalesce keeps it among the others.
        const string onNode = "coalesce(ResourceId IN (SELECT node FROM cost_usage WHERE node IS NOT NULL), FALSE)";
        return nodes switch
        {
            NodeSelection.OnNodes => ($"{where} AND {onNode}", parameters),
            NodeSelection.OffNodes => ($"{where} AND NOT {onNode}", parameters),
            _ => (where, parameters),
        };
    }

    /// <summary>Runs a query on the store and hands each row to <paramref name="row"/> as it is read.</summary>
    protected void Read(string sql, IReadOnlyList<(string Name, object? Value)> parameters, Action<DbDataReader> row)
    {
        using var command = StoreSql.Command(Connection, sql, [.. parameters]);
        using var reader = command.ExecuteReader();
        while (reader.Read())
            row(reader);
    }

    private static List<string?> Keys(DbDataReader reader, int count) =>
        Enumerable.Range(0, count).Select(i => reader.IsDBNull(i) ? null : reader.GetString(i)).ToList();

    protected static DateTime Utc(DateTime value) => DateTime.SpecifyKind(value, DateTimeKind.Utc);

    private static string I(int i) => i.ToString(CultureInfo.InvariantCulture);

    /// <summary>Ordinal, nulls last: the order of keys in every result.</summary>
    private static readonly Comparer<string?> NullsLast = Comparer<string?>.Create((a, b) =>
        a is null ? (b is null ? 0 : 1) : b is null ? -1 : string.CompareOrdinal(a, b));
}
