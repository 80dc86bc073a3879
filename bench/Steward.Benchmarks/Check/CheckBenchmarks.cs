using BenchmarkDotNet.Attributes;
using Steward.Core.Governance;
using Steward.Core.Policy;
using Steward.Core.Policy.Rego;
using Steward.Core.Reporting;

namespace Steward.Benchmarks.Check;

/// <summary>
/// <c>steward check</c> end to end without the process start: load a 5,000-object repository
/// from disk, run every built-in rule, price the desired state and write the JSON report; and the
/// same with the example policies of examples/governance (what the CLI runs: both policies over
/// every object, on all cores, while the built-in rules run).
/// </summary>
[MemoryDiagnoser]
public class CheckBenchmarks
{
    private string _repository = "";
    private string _withPolicies = "";

    [Params(5000)]
    public int Objects { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _repository = SyntheticRepository.Create(Objects);
        _withPolicies = SyntheticRepository.Create(Objects, withExamplePolicies: true);
    }

    [Benchmark]
    public int CheckRepository()
    {
        var repository = RepositoryLoader.LoadFolder(_repository);
        var result = new CheckRunner().Run(repository);
        new JsonCheckReporter().Write(result, TextWriter.Null, new ReportOptions());
        return result.Findings.Count;
    }

    [Benchmark]
    public int CheckRepositoryWithPolicies()
    {
        var repository = RepositoryLoader.LoadFolder(_withPolicies);
        var result = new CheckRunner(policies: new RegoPolicyEvaluator()).Run(repository);
        new JsonCheckReporter().Write(result, TextWriter.Null, new ReportOptions());
        return result.Findings.Count;
    }
}
