using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/Steward.Benchmarks -- --filter '*Check*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
