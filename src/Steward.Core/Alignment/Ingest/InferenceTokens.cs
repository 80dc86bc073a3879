using System.Data.Common;
using System.Globalization;
using Steward.Core.Storage;

namespace Steward.Core.Alignment.Ingest;

/// <summary>
/// Token counts of the inference log per (model, version, team, modality) with <c>ts</c> in [from, to): the same query on
/// both engines, only the JSON access and the pattern match spelled per engine. A token value that is not a whole
/// number ≥ 0 is an input error naming the logged file, row and column, never silently left out of a sum.
/// </summary>
public static partial class InferenceTokens
{
    public const string Prompt = "prompt_tokens";
    public const string Completion = "completion_tokens";
    public const string Cached = "cached_tokens";
    public const string Modality = "modality";

    /// <summary>The team that sent the request, when the caller logs it: the token costs of a shared model are split by it.</summary>
    public const string Team = "team";

    /// <summary>The names the OTLP ingestion gives gen_ai.usage.input_tokens and output_tokens, read when the OpenAI names are absent.</summary>
    public const string InputFallback = "input_tokens";
    public const string OutputFallback = "output_tokens";

    /// <summary>Token counts of the log, or null when the store holds no inference log.</summary>
    public static IReadOnlyList<InferenceTokenUsage>? Load(IStewardStore store, DateTime? from = null, DateTime? to = null)
    {
        if (store.SchemaVersion(AlignmentSchema.ModuleName) == 0) return null;
        return StoreBackend.Port(store,
            duck => Read(duck.Connection, new Dialect("data", name => $"json_extract_string(j, '$.\"{name}\"')",
                text => $"NOT regexp_full_match({text}, '{WholeNumber}')"), from, to),
            // data is TEXT on PostgreSQL (kept as logged): parsed once per row; ->> gives a JSON number's text as DuckDB does.
            pg => Read(pg.Connection, new Dialect("CAST(data AS jsonb)", name => $"(j ->> '{name}')",
                text => $"{text} !~ '^{WholeNumber}$'"), from, to));
    }

    /// <summary>How an engine reads the logged JSON: the row's document, a field of it as text, a text that is not a whole number.</summary>
    private sealed record Dialect(string Document, Func<string, string> Field, Func<string, string> NotWhole);

    private const string WholeNumber = @"[0-9]+(\.0+)?";

    private static List<InferenceTokenUsage> Read(DbConnection connection, Dialect sql, DateTime? from, DateTime? to)
    {
        var where = new List<string> { "TRUE" };
        var parameters = new List<(string, object?)>();
        if (from is { } f) { where.Add("ts >= $from"); parameters.Add(("from", f)); }
        if (to is { } t) { where.Add("ts < $to"); parameters.Add(("to", t)); }
        var field = sql.Field;
        string Bad(string column) => $"({column} IS NOT NULL AND {sql.NotWhole(column)})";
        var tokens = $"""
            SELECT import_id, row_number, model, version, modality, team, p, c, k, {Bad("p")} OR {Bad("c")} OR {Bad("k")} AS bad FROM (
                SELECT import_id, row_number, model, version, coalesce({field(Modality)}, '') AS modality, coalesce({field(Team)}, '') AS team,
                       coalesce({field(Prompt)}, {field(InputFallback)}) AS p, coalesce({field(Completion)}, {field(OutputFallback)}) AS c,
                       {field(Cached)} AS k
                FROM (SELECT import_id, row_number, model, version, {sql.Document} AS j FROM inferences WHERE {string.Join(" AND ", where)} OFFSET 0) AS logged
                OFFSET 0
            ) AS fields
            """;
        // OFFSET 0 keeps PostgreSQL from pulling the subqueries up into the aggregate, which would parse the JSON once per
        // reference to a field instead of once per row (a no-op on DuckDB).
        // One scan: sums over the good rows, and how many rows are bad (then found and named by a second query).
        static string Sum(string column) => $"CAST(coalesce(sum(CASE WHEN bad THEN NULL ELSE CAST(CAST({column} AS DOUBLE PRECISION) AS BIGINT) END), 0) AS BIGINT)";
        var usage = new List<InferenceTokenUsage>();
        long badRows = 0;
        using (var command = StoreSql.Command(connection, $"""
            SELECT model, version, modality, team, count(*), count(CASE WHEN p IS NOT NULL OR c IS NOT NULL THEN 1 END),
                   {Sum("p")}, {Sum("c")}, {Sum("k")}, count(CASE WHEN bad THEN 1 END)
            FROM ({tokens}) AS t GROUP BY model, version, modality, team
            """, [.. parameters]))
        using (var r = command.ExecuteReader())
        {
            long L(int i) => Convert.ToInt64(r.GetValue(i), CultureInfo.InvariantCulture);
            while (r.Read())
            {
                usage.Add(new InferenceTokenUsage(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), L(4), L(5), L(6), L(7), L(8)));
                badRows += L(9);
            }
        }
        if (badRows > 0) Refuse(connection, tokens, [.. parameters]);
        return [.. usage.OrderBy(u => u.Model, StringComparer.Ordinal).ThenBy(u => u.Version, StringComparer.Ordinal).ThenBy(u => u.Team, StringComparer.Ordinal).ThenBy(u => u.Modality, StringComparer.Ordinal)];
    }

    /// <summary>The first logged token value (by import and row) that is not a whole number ≥ 0, as an input error.</summary>
    private static void Refuse(DbConnection connection, string tokens, (string, object?)[] parameters)
    {
        using var command = StoreSql.Command(connection, $"""
            SELECT i.source_path, t.row_number, t.p, t.c, t.k FROM ({tokens}) AS t JOIN imports i ON i.import_id = t.import_id
            WHERE t.bad ORDER BY t.import_id, t.row_number LIMIT 1
            """, parameters);
        using var r = command.ExecuteReader();
        if (!r.Read()) return;
        // The first column of the row that is not a whole number (the same test as the SQL's, here on the text read back).
        var (index, name) = !Whole(r, 2) ? (2, $"{Prompt} (or {InputFallback})") : !Whole(r, 3) ? (3, $"{Completion} (or {OutputFallback})") : (4, Cached);
        throw new StewardInputException(
            $"{r.GetString(0)}: row {Convert.ToInt64(r.GetValue(1), CultureInfo.InvariantCulture)}, column {name}: '{r.GetString(index)}' is not a whole number of tokens ≥ 0");
    }

    private static bool Whole(DbDataReader r, int i) => r.IsDBNull(i) || WholePattern().IsMatch(r.GetString(i));

    [System.Text.RegularExpressions.GeneratedRegex(@"^[0-9]+(\.0+)?$", System.Text.RegularExpressions.RegexOptions.CultureInvariant, 100)]
    private static partial System.Text.RegularExpressions.Regex WholePattern();
}
