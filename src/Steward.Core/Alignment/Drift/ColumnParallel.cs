using System.Runtime.ExceptionServices;

namespace Steward.Core.Alignment.Drift;

/// <summary>
/// Runs one piece of work per column on all cores and returns the results in column order. Columns
/// are independent: DuckDB sorts one column while another is merged in .NET. When several columns
/// fail, the first failure in column order is the one thrown, so the outcome never depends on which
/// column happened to finish first.
/// </summary>
public static class ColumnParallel
{
    public static IReadOnlyList<T> Map<T>(IReadOnlyList<string> columns, Func<string, T> work)
    {
        var results = new T[columns.Count];
        var failures = new Exception?[columns.Count];
        var parallelism = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(2, Environment.ProcessorCount) };
        Parallel.For(0, columns.Count, parallelism, i =>
        {
            try
            {
                results[i] = work(columns[i]);
            }
            catch (Exception ex)
            {
                failures[i] = ex;
            }
        });
        if (failures.FirstOrDefault(f => f is not null) is { } failure)
            ExceptionDispatchInfo.Throw(failure);
        return results;
    }
}
