using DuckDB.NET.Data;
using Steward.Core.Storage;

namespace Steward.Core.Alignment.Ingest;

/// <summary>
/// The store's inference log (table <c>inferences</c>: one row per logged prediction, its other columns as
/// JSON text in <c>data</c>): the port through which files are appended, late labels joined and the log
/// read. Files are read and checked by DuckDB on <see cref="Staging"/> whatever the store, so that the same
/// file gives the same diagnostics and the same rows on every engine (<see cref="InferenceLog.For"/>).
/// </summary>
public interface IInferenceLog : IDisposable
{
    /// <summary>
    /// The DuckDB connection where a file to import is staged and checked: the store's own for a DuckDB
    /// store, a private in-memory database otherwise.
    /// </summary>
    DuckDBConnection Staging { get; }

    /// <summary>
    /// Appends the rows of <paramref name="select"/> (run on <see cref="Staging"/>; columns model, version,
    /// ts as a UTC TIMESTAMP, request_id, row_number, data) under the import of <paramref name="context"/>,
    /// inside its transaction; returns how many.
    /// </summary>
    long Append(ImportContext context, string select, params (string Name, object? Value)[] parameters);

    /// <summary>
    /// Sets <c>label</c> on the logged inferences of <paramref name="model"/> (of <paramref name="version"/>
    /// only, when given) whose request id is one of <paramref name="labels"/> (run on <see cref="Staging"/>;
    /// columns request_id, label; one row per request id), inside the import of <paramref name="context"/>;
    /// returns how many inferences were labelled.
    /// </summary>
    long Label(ImportContext context, string labels, string model, string? version);

    /// <summary>How many distinct request ids of <paramref name="requestIds"/> (run on <see cref="Staging"/>) the log of <paramref name="model"/> holds.</summary>
    long MatchedRequestIds(string requestIds, string model, string? version);

    /// <summary>Inference counts per (model, version) with <c>ts</c> in [<paramref name="from"/>, <paramref name="to"/>), either end open when null.</summary>
    Dictionary<(string Model, string Version), long> Counts(DateTime? from, DateTime? to);

    /// <summary>The windows of <paramref name="scope"/> that hold inferences, oldest first, with their row counts.</summary>
    IReadOnlyList<(DateTime Start, long Rows)> Windows(InferenceScope scope, WindowUnit unit);

    /// <summary>
    /// Where the monitors compute their statistics: a DuckDB connection whose <c>inferences</c> and
    /// <c>imports</c> tables hold (at least) the rows of the window last loaded.
    /// </summary>
    IInferenceWindows OpenWindows();
}

/// <summary>The DuckDB relation of one window of the inference log at a time, for the in-process statistics.</summary>
public interface IInferenceWindows : IDisposable
{
    /// <summary>The connection on which <c>inferences</c> and <c>imports</c> are read, and reference files too.</summary>
    DuckDBConnection Connection { get; }

    /// <summary>Makes the rows of <paramref name="scope"/> in [<paramref name="start"/>, <paramref name="end"/>) readable on <see cref="Connection"/>.</summary>
    void Load(InferenceScope scope, DateTime start, DateTime end);
}

/// <summary>Which rows of the log a monitor reads: one model, one version or all, between two optional instants (UTC).</summary>
public sealed record InferenceScope(string Model, string? Version, DateTime? From, DateTime? To)
{
    /// <summary>The scope as a DuckDB predicate on <c>inferences</c>, values as literals (the statistics' SQL is built as text).</summary>
    public string DuckDbPredicate()
    {
        var predicate = "model = " + Literal(Model) + (Version is null ? "" : " AND version = " + Literal(Version));
        if (From is { } from) predicate += $" AND ts >= {Timestamp(from)}";
        if (To is { } to) predicate += $" AND ts < {Timestamp(to)}";
        return predicate;
    }

    /// <summary>The same predicate with <c>$model</c>, <c>$version</c>, <c>$from</c>, <c>$to</c> parameters, for either engine.</summary>
    public (string Sql, (string Name, object? Value)[] Parameters) Parameterised()
    {
        var sql = "model = $model";
        var parameters = new List<(string, object?)> { ("model", Model) };
        if (Version is not null) { sql += " AND version = $version"; parameters.Add(("version", Version)); }
        if (From is { } from) { sql += " AND ts >= $from"; parameters.Add(("from", from)); }
        if (To is { } to) { sql += " AND ts < $to"; parameters.Add(("to", to)); }
        return (sql, [.. parameters]);
    }

    public static string Literal(string text) => "'" + text.Replace("'", "''") + "'";

    public static string Timestamp(DateTime value) =>
        "TIMESTAMP '" + value.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss.ffffff", System.Globalization.CultureInfo.InvariantCulture) + "'";
}

/// <summary>The length of a monitor's windows, as <c>date_trunc</c> names it on both engines.</summary>
public enum WindowUnit
{
    Hour,
    Day,
    Week,
    Month,
}

/// <summary>Window arithmetic shared by the ports and the runner.</summary>
public static class WindowUnits
{
    public static WindowUnit Parse(string? window) => window switch
    {
        "hourly" => WindowUnit.Hour,
        "weekly" => WindowUnit.Week,
        "monthly" => WindowUnit.Month,
        _ => WindowUnit.Day,
    };

    /// <summary>The name date_trunc takes (DuckDB and PostgreSQL agree, weeks start on Monday in both).</summary>
    public static string Sql(this WindowUnit unit) => unit switch
    {
        WindowUnit.Hour => "hour",
        WindowUnit.Week => "week",
        WindowUnit.Month => "month",
        _ => "day",
    };

    public static DateTime End(this WindowUnit unit, DateTime start) => unit switch
    {
        WindowUnit.Hour => start.AddHours(1),
        WindowUnit.Week => start.AddDays(7),
        WindowUnit.Month => start.AddMonths(1),
        _ => start.AddDays(1),
    };
}
