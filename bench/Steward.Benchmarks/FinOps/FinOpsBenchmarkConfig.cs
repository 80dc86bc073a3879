using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Steward.Benchmarks.FinOps;

/// <summary>
/// Few, long iterations (an operation over 10,000,000 rows takes seconds): one launch, no warm-up
/// for imports. STEWARD_BENCH_INPROCESS=1 runs in the benchmark process itself (no separate build),
/// for a quick figure on a busy machine (with an hour, not the default 5 minutes, per operation).
/// </summary>
internal sealed class FinOpsBenchmarkConfig : ManualConfig
{
    public FinOpsBenchmarkConfig()
    {
        var job = Job.Default.WithStrategy(RunStrategy.Monitoring).WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(3);
        if (Environment.GetEnvironmentVariable("STEWARD_BENCH_INPROCESS") == "1")
            job = job.WithToolchain(new InProcessEmitToolchain(TimeSpan.FromHours(1), logOutput: true));
        AddJob(job);
        AddDiagnoser(MemoryDiagnoser.Default);
    }
}
