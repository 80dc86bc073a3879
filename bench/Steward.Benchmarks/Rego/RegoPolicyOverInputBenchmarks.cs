using System.Text;
using BenchmarkDotNet.Attributes;
using Steward.Rego;
using Steward.Rego.Evaluation;
using Steward.Rego.Json;
using Steward.Rego.Syntax;
using Steward.Rego.Values;

namespace Steward.Benchmarks.Rego;

/// <summary>
/// The evaluation half of bench/compare/rego.sh, in process: bench/compare/rego/policy.rego's
/// `count(data.x.violations)` over the 20,000 Deployments of <see cref="DeploymentList"/> as one
/// input array (decoded once in setup), so that the time and allocations are the evaluator's:
/// iteration of `some obj in input`, references, the set comprehension and the partial set.
/// 10,667 violations (6,667 without cost-center, 4,000 main containers without a CPU limit).
/// The default evaluation computes the partial set on every core (issue #14: the rule's two
/// bodies in chunks of the input, Evaluator.Parallel.cs); the baseline is the same on one core.
/// </summary>
[MemoryDiagnoser]
public class RegoPolicyOverInputBenchmarks
{
    private const string Policy = """
        package x

        import rego.v1

        required := {"cost-center", "team"}

        violations contains msg if {
        	some obj in input
        	provided := {label | obj.metadata.labels[label]}
        	missing := required - provided
        	count(missing) > 0
        	msg := sprintf("%s/%s: missing labels %v", [obj.metadata.namespace, obj.metadata.name, sort(missing)])
        }

        violations contains msg if {
        	some obj in input
        	some container in obj.spec.template.spec.containers
        	not container.resources.limits.cpu
        	msg := sprintf("%s/%s: container %s has no cpu limit", [obj.metadata.namespace, obj.metadata.name, container.name])
        }
        """;

    private RegoEngine _engine = null!;
    private Body _query = null!;
    private RegoValue _input = null!;

    [GlobalSetup]
    public void Setup()
    {
        _engine = new RegoEngine();
        _engine.AddModule("policy.rego", Policy);
        _engine.Compile();
        _query = RegoEngine.ParseQuery("count(data.x.violations)");
        _input = RegoJsonDecoder.Decode(Encoding.UTF8.GetBytes(DeploymentList.Json(20_000)).AsSpan());
    }

    [Benchmark]
    public RegoValue CountViolationsOver20000Deployments() => Count(new EvalOptions());

    [Benchmark(Baseline = true)]
    public RegoValue CountViolationsOver20000DeploymentsOnOneCore() => Count(new EvalOptions { ParallelEvaluation = false });

    private RegoValue Count(EvalOptions options)
    {
        var value = _engine.Evaluate(_query, _input, options)[0].Expressions[0];
        return value is RegoNumber n && n.TryGetInt32(out var count) && count == 10_667 ? value : throw new InvalidOperationException($"expected 10667 violations, got {value}");
    }
}
