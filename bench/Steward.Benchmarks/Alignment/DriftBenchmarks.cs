using BenchmarkDotNet.Attributes;
using Steward.Core.Alignment.Drift;
using Steward.Core.Alignment.Statistics;

namespace Steward.Benchmarks.Alignment;

/// <summary>
/// Drift of 20 numeric columns, 1,000,000 reference rows against 1,000,000 current rows, read from
/// Parquet through DuckDB: per column the KS test, the normed Wasserstein distance and PSI, all from
/// the one sorted (value, counts) pass. Each operation takes seconds, so the job measures a few
/// single invocations in-process (one warm-up, then five measured; no boilerplate project to build).
/// Run: <c>dotnet run -c Release --project bench/Steward.Benchmarks -- --filter '*DriftBenchmarks*'</c>.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Config))]
public class DriftBenchmarks
{
    private string _reference = "";
    private string _current = "";

    private sealed class Config() : InProcessRunsConfig(5);

    [GlobalSetup]
    public void Setup()
    {
        (_reference, _current) = DriftBenchmarkData.Create("steward-bench-drift");
    }

    /// <summary>KS + normed Wasserstein + PSI for every column, columns in parallel as the analyzer runs them.</summary>
    [Benchmark]
    public double KsWassersteinPsi() => Run(DuckDbDriftSource.DefaultInMemorySortLimit);

    /// <summary>The same with every sample sorted by DuckDB (the path of samples above the in-memory sort limit).</summary>
    [Benchmark]
    public double KsWassersteinPsiSortedByDuckDb() => Run(0);

    private double Run(int inMemorySortLimit)
    {
        using var source = new DuckDbDriftSource(_reference, _current) { InMemorySortLimit = inMemorySortLimit };
        var statistics = ColumnParallel.Map(source.ReferenceColumns.Select(c => c.Name).ToList(), column =>
        {
            var pass = new NumericColumnPass(source.SummarizeNumeric(column));
            foreach (var value in source.DistinctNumericValues(column))
                pass.Add(value);
            return pass.KolmogorovSmirnov().PValue + pass.NormedWasserstein() + Psi.Compute(pass.Distribution());
        });
        return statistics.Sum();
    }
}
