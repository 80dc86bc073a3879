using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Steward.Benchmarks.Alignment.DriftBenchmarks).Assembly).Run(args);
