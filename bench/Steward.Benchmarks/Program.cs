using BenchmarkDotNet.Running;

// Every benchmark of the assembly; pick with --filter, e.g. --filter '*OsvMatching*'.
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
