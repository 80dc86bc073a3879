using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Steward.Benchmarks.Alignment;

/// <summary>
/// For operations that take seconds: single invocations in the benchmark process (no boilerplate
/// project to build), one warm-up, then <c>iterations</c> measured runs.
/// </summary>
internal abstract class InProcessRunsConfig : ManualConfig
{
    protected InProcessRunsConfig(int iterations) => AddJob(Job.Default
        .WithToolchain(new InProcessEmitToolchain(TimeSpan.FromHours(1), logOutput: false))
        .WithStrategy(RunStrategy.Monitoring)
        .WithLaunchCount(1)
        .WithWarmupCount(1)
        .WithIterationCount(iterations));
}
