using System.Data.Common;
using System.Globalization;
using Steward.Core.Storage;

namespace Steward.Core.Alignment.Ingest;

/// <summary>
/// Token counts of the inference log per (model, version, team, modality) with <c>ts</c> in [from, to): the same query on
/// both engines, only the JSON access and the pattern match spelled per engine. A token value that is not a whole
/// number ≥ 0 is an input error naming the logged file, row and column, never silently left out of a sum.
/// </summary>
public static class InferenceTokens
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
            duck => Read(duck.Connection, DuckDbField, (text, pattern) => $"NOT regexp_full_match({text}, '{pattern}')", from, to),
            pg => Read(pg.Connection, PostgresField, (text, pattern) => $"{text} !~ '^{pattern}$'", from, to));
    }

    private static string DuckDbField(string name) => $"json_extract_string(data, '$.\"{name}\"')";

    // data is TEXT on PostgreSQL (kept as logged); ->> gives a JSON number's text as DuckDB's json_extract_string does.
    private static string PostgresField(string name) => $"(CAST(data AS jsonb) ->> '{name}')";

    private const string WholeNumber = @"[0-9]+(\.0+)?";

    private static List<InferenceTokenUsage> Read(DbConnection connection, Func<string, string> field, Func<string, string, string> mismatch, DateTime? from, DateTime? to)
    {
        var where = new List<string> { "TRUE" };
        var parameters = new List<(string, object?)>();
        if (from is { } f) { where.Add("ts >= $from"); parameters.Add(("from", f)); }
        if (to is { } t) { where.Add("ts < $to"); parameters.Add(("to", t)); }
        var columns = $"""
            import_id, row_number, model, version, coalesce({field(Modality)}, '') AS modality, coalesce({field(Team)}, '') AS team,
            coalesce({field(Prompt)}, {field(InputFallback)}) AS p, coalesce({field(Completion)}, {field(OutputFallback)}) AS c,
            {field(Cached)} AS k
            """;
        var tokens = $"SELECT {columns} FROM inferences WHERE {string.Join(" AND ", where)}";
        Refuse(connection, tokens, mismatch, [.. parameters]);
        var usage = new List<InferenceTokenUsage>();
        static string Sum(string column) => $"CAST(coalesce(sum(CAST(CAST({column} AS DOUBLE PRECISION) AS BIGINT)), 0) AS BIGINT)";
        using var command = StoreSql.Command(connection, $"""
            SELECT model, version, modality, team, count(*), count(CASE WHEN p IS NOT NULL OR c IS NOT NULL THEN 1 END), {Sum("p")}, {Sum("c")}, {Sum("k")}
            FROM ({tokens}) AS t GROUP BY model, version, modality, team
            """, [.. parameters]);
        using var r = command.ExecuteReader();
        long L(int i) => Convert.ToInt64(r.GetValue(i), CultureInfo.InvariantCulture);
        while (r.Read())
            usage.Add(new InferenceTokenUsage(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), L(4), L(5), L(6), L(7), L(8)));
        return [.. usage.OrderBy(u => u.Model, StringComparer.Ordinal).ThenBy(u => u.Version, StringComparer.Ordinal).ThenBy(u => u.Team, StringComparer.Ordinal).ThenBy(u => u.Modality, StringComparer.Ordinal)];
    }

    /// <summary>The first logged token value (by import and row) that is not a whole number ≥ 0, as an input error (one scan for the three columns).</summary>
    private static void Refuse(DbConnection connection, string tokens, Func<string, string, string> mismatch, (string, object?)[] parameters)
    {
        string Bad(string column) => $"(t.{column} IS NOT NULL AND {mismatch("t." + column, WholeNumber)})";
        using var command = StoreSql.Command(connection, $"""
            SELECT i.source_path, t.row_number, t.p, t.c, t.k, {Bad("p")}, {Bad("c")} FROM ({tokens}) AS t JOIN imports i ON i.import_id = t.import_id
            WHERE {Bad("p")} OR {Bad("c")} OR {Bad("k")}
            ORDER BY t.import_id, t.row_number LIMIT 1
            """, parameters);
        using var r = command.ExecuteReader();
        if (!r.Read()) return;
        var (index, name) = r.GetBoolean(5) ? (2, $"{Prompt} (or {InputFallback})") : r.GetBoolean(6) ? (3, $"{Completion} (or {OutputFallback})") : (4, Cached);
        throw new StewardInputException(
            $"{r.GetString(0)}: row {Convert.ToInt64(r.GetValue(1), CultureInfo.InvariantCulture)}, column {name}: '{r.GetString(index)}' is not a whole number of tokens ≥ 0");
    }
}
