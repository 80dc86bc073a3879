using BenchmarkDotNet.Attributes;
using Steward.Core.Governance;
using Steward.Core.Policy;
using Steward.Core.Reporting;

namespace Steward.Benchmarks.Check;

/// <summary>
/// <c>steward check</c> end to end without the process start: load a 5,000-object repository
/// from disk, run every built-in rule, price the desired state and write the JSON report.
/// </summary>
[MemoryDiagnoser]
public class CheckBenchmarks
{
    private string _repository = "";

    [Params(5000)]
    public int Objects { get; set; }

    [GlobalSetup]
    public void Setup() => _repository = SyntheticRepository.Create(Objects);

    [Benchmark]
    public int CheckRepository()
    {
        var repository = RepositoryLoader.LoadFolder(_repository);
        var result = new CheckRunner().Run(repository);
        new JsonCheckReporter().Write(result, TextWriter.Null, new ReportOptions());
        return result.Findings.Count;
    }
}
