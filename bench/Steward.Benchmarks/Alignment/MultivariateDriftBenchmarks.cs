using BenchmarkDotNet.Attributes;
using Steward.Core.Alignment.Multivariate;

namespace Steward.Benchmarks.Alignment;

/// <summary>
/// The domain classifier with its defaults (100,000 rows per side, FastTree on one thread, 1000
/// permutations and 1000 bootstrap resamples): on 20 numeric columns of 1,000,000 vs 1,000,000 Parquet
/// rows (read, reservoir-sampled, trained, resampled), and on 100,000 vs 100,000 rows already in memory
/// (training and resampling alone). A few single invocations in-process, as DriftBenchmarks.
/// Run: <c>dotnet run -c Release --project bench/Steward.Benchmarks -- --filter '*MultivariateDriftBenchmarks*'</c>.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Config))]
public class MultivariateDriftBenchmarks
{
    private string _reference = "";
    private string _current = "";
    private DomainSample _referenceSample = new("reference");
    private DomainSample _currentSample = new("current");

    private sealed class Config() : InProcessRunsConfig(3);

    [GlobalSetup]
    public void Setup()
    {
        (_reference, _current) = DriftBenchmarkData.Create("steward-bench-multivariate");
        (_referenceSample, _currentSample) = DomainSampleReader.Read(_reference, _current, new MultivariateDriftOptions());
    }

    [Benchmark]
    public double FromParquet1MillionRows() =>
        DomainClassifierDrift.Analyze(_reference, _current, new MultivariateDriftOptions()).RocAuc;

    [Benchmark]
    public double InMemory100kRows() =>
        DomainClassifierDrift.Analyze(_referenceSample, _currentSample, new MultivariateDriftOptions()).RocAuc;
}
