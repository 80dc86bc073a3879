using BenchmarkDotNet.Running;

// Pick benchmarks on the command line, e.g. `--filter '*Check*'` or `--filter '*FinOps*'`
// (see BenchmarkDotNet's BenchmarkSwitcher). Results and the machine: docs/benchmarks.md.
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
