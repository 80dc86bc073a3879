using Steward.Core.Alignment.Data;
using Steward.Core.Alignment.Ingest;
using Steward.Core.Alignment.Monitoring;
using Steward.Core.Alignment.Multivariate;

namespace Steward.Core.Alignment.Explainability;

/// <summary>Which logged inferences <c>steward analyze importance --store</c> compares.</summary>
/// <param name="ReferenceFrom">First instant of the reference window (UTC).</param>
/// <param name="ReferenceTo">End of the reference window (exclusive).</param>
/// <param name="From">First instant of the current period (default: the reference's end).</param>
/// <param name="To">End of the current period (exclusive; open when null).</param>
/// <param name="Window">Split the current period into these windows (hourly, daily, weekly, monthly); null: one window.</param>
public sealed record LoggedImportanceScope(string Model, string? Version, DateTime ReferenceFrom, DateTime ReferenceTo, DateTime? From, DateTime? To, string? Window);

/// <summary>
/// Importance from the store's inference log: the reference window's labelled rows train the surrogate
/// and give the reference importances, each current window's labelled rows are measured against them.
/// Rows are read in time order (then by content), so the sample does not depend on the order of the imports.
/// The label is the logged label joined by <c>steward ingest labels</c> or the log's own column, as a number.
/// </summary>
public static class LoggedImportance
{
    public static IReadOnlyList<ImportanceReport> Analyze(IInferenceLog log, LoggedImportanceScope scope, ImportanceOptions options)
    {
        options.Validate();
        if (options.Features is not { Count: > 0 } features)
            throw new StewardInputException("--features is required with --store: the log keeps each row's columns as JSON, name the features to explain");
        if (scope.ReferenceTo <= scope.ReferenceFrom)
            throw new StewardInputException("the reference window is empty: --reference-to must come after --reference-from");
        var columns = features.Order(StringComparer.Ordinal)
            .Select(f => new FeatureColumn(f, options.Categorical.Contains(f) ? FeatureKind.Categorical : FeatureKind.Numeric, 1))
            .Append(new FeatureColumn(options.Score, FeatureKind.Numeric, 1))
            .Append(new FeatureColumn(options.Label, FeatureKind.Numeric, 1)).ToList();
        using var windows = log.OpenWindows();

        DomainSample Read(DateTime start, DateTime end, string name, int seed)
        {
            var rows = new InferenceScope(scope.Model, scope.Version, start, end);
            windows.Load(rows, start, end);
            var label = $"coalesce(label, {InferenceSql.Field(options.Label)})";
            var select = "SELECT " + string.Join(", ", columns.SkipLast(2).Select(c => DomainSampleReader.ColumnSql(c.Kind, InferenceSql.Field(c.Name))))
                + $", {InferenceSql.Score(options.Score)}, TRY_CAST({label} AS DOUBLE) FROM inferences WHERE {rows.DuckDbPredicate()} AND {label} IS NOT NULL ORDER BY ts, data";
            return DomainSampleReader.ReadQuery(windows.Connection, select, name, columns, options.MaxRows, seed);
        }

        var version = scope.Version ?? "*";
        var reference = Read(scope.ReferenceFrom, scope.ReferenceTo, $"{scope.Model} {version} reference {MonitorRunner.Iso(scope.ReferenceFrom)}..{MonitorRunner.Iso(scope.ReferenceTo)}", options.Seed);
        var baseline = ImportanceBaseline.Fit(reference, options);
        var from = scope.From ?? scope.ReferenceTo;
        var reports = new List<ImportanceReport>();
        if (scope.Window is null)
        {
            var end = scope.To ?? new DateTime(9999, 1, 1, 0, 0, 0, DateTimeKind.Utc);
            var name = $"{scope.Model} {version} {MonitorRunner.Iso(from)}..{(scope.To is { } to ? MonitorRunner.Iso(to) : "")}";
            reports.Add(baseline.Measure(Read(from, end, name, options.Seed + 1)));
            return reports;
        }
        var unit = WindowUnits.Parse(scope.Window);
        foreach (var (start, _) in log.Windows(new InferenceScope(scope.Model, scope.Version, from, scope.To), unit))
        {
            var end = unit.End(start);
            if (scope.To is { } to && end > to) end = to;
            var current = Read(start, end, $"{scope.Model} {version} window {MonitorRunner.Iso(start)}", options.Seed + 1);
            if (current.Rows >= ImportanceOptions.MinimumRows)
                reports.Add(baseline.Measure(current));
        }
        if (reports.Count == 0)
            throw new StewardInputException($"no {scope.Window} window of model '{scope.Model}' from {MonitorRunner.Iso(from)} has {ImportanceOptions.MinimumRows} labelled rows");
        return reports;
    }
}
