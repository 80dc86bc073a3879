using BenchmarkDotNet.Running;

// Pick benchmarks on the command line, e.g. `--filter *FinOps*` (see BenchmarkDotNet's BenchmarkSwitcher).
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
