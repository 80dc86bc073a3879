using Steward.Core.Alignment.Data;
using Steward.Core.Alignment.Statistics;

namespace Steward.Core.Alignment.Drift;

/// <summary>
/// Counts and range of one numeric column over both samples (missing and non-finite values excluded).
/// Only exact aggregates (counts, min, max): a parallel floating-point sum in the database could differ
/// in the last bits from run to run, and reports must be reproducible.
/// </summary>
public sealed record NumericSummary(long CountReference, long CountCurrent, double Min, double Max);

/// <summary>
/// Where the drift analyzer gets its numbers: two samples (reference and current) of the same columns.
/// Implementations push the heavy work down (DuckDB aggregates) so that only per-value counts flow back.
/// The analyzer works on several columns at once: calls for different columns may run concurrently.
/// </summary>
public interface IDriftSource
{
    /// <summary>How the reference sample is named in messages (a file path).</summary>
    string ReferenceName { get; }

    /// <summary>How the current sample is named in messages.</summary>
    string CurrentName { get; }

    IReadOnlyList<TableColumn> ReferenceColumns { get; }

    IReadOnlyList<TableColumn> CurrentColumns { get; }

    /// <summary>Checks that a column the analyzer will treat as numeric really is numeric in both samples.</summary>
    void EnsureNumeric(string column);

    NumericSummary SummarizeNumeric(string column);

    /// <summary>The distinct values of a numeric column in ascending order with their counts in each sample.</summary>
    IEnumerable<ValueCount> DistinctNumericValues(string column);

    /// <summary>Counts per category (values as text; numeric columns are formatted after conversion to double).</summary>
    (IReadOnlyDictionary<string, long> Reference, IReadOnlyDictionary<string, long> Current) CategoryCounts(string column, bool numeric);
}
