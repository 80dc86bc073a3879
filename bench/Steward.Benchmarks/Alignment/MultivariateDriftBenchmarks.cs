using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using DuckDB.NET.Data;
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
    private const int Rows = 1_000_000;
    private const int Columns = 20;
    private string _reference = "";
    private string _current = "";
    private DomainSample _referenceSample = new("reference");
    private DomainSample _currentSample = new("current");

    private sealed class Config : ManualConfig
    {
        public Config() => AddJob(Job.Default
            .WithToolchain(new InProcessEmitToolchain(TimeSpan.FromHours(1), logOutput: false))
            .WithStrategy(RunStrategy.Monitoring)
            .WithLaunchCount(1)
            .WithWarmupCount(1)
            .WithIterationCount(3));
    }

    [GlobalSetup]
    public void Setup()
    {
        var folder = Path.Combine(Path.GetTempPath(), "steward-bench-multivariate");
        Directory.CreateDirectory(folder);
        _reference = Path.Combine(folder, "reference.parquet");
        _current = Path.Combine(folder, "current.parquet");
        if (!File.Exists(_reference)) Write(_reference, 0.0, 0.42);
        if (!File.Exists(_current)) Write(_current, 0.05, 0.17);
        (_referenceSample, _currentSample) = DomainSampleReader.Read(_reference, _current, new MultivariateDriftOptions());
    }

    /// <summary>20 columns of seeded uniform noise, the current sample shifted by 0.05 (as DriftBenchmarks).</summary>
    private static void Write(string path, double shift, double seed)
    {
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        var columns = string.Join(", ", Enumerable.Range(0, Columns).Select(i => $"round(random() * {1 + i} + {shift}, 6) AS c{i:00}"));
        command.CommandText = $"SELECT setseed({seed}); COPY (SELECT {columns} FROM range({Rows})) TO '{path}' (FORMAT parquet)";
        command.ExecuteNonQuery();
    }

    [Benchmark]
    public double FromParquet1MillionRows() =>
        DomainClassifierDrift.Analyze(_reference, _current, new MultivariateDriftOptions()).RocAuc;

    [Benchmark]
    public double InMemory100kRows() =>
        DomainClassifierDrift.Analyze(_referenceSample, _currentSample, new MultivariateDriftOptions()).RocAuc;
}
