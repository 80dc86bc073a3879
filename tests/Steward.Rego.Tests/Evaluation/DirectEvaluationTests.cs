using System.Numerics;
using Steward.Rego.Values;

namespace Steward.Rego.Tests;

/// <summary>
/// The evaluator's fast path (literals and terms with one value at most, evaluated without
/// continuations) must give what the general path gives. Each expected value follows from OPA's
/// semantics by hand, as the comment on each case says.
/// </summary>
public class DirectEvaluationTests
{
    private static string Eval(string module, string query, string? input = null)
    {
        var engine = new RegoEngine();
        engine.AddModule("test.rego", module);
        var results = engine.Evaluate(query, input is null ? null : RegoValue.FromJson(input));
        return results.Count == 0 ? "undefined" : results[0].Bindings.TryGetValue("x", out var x) ? x.ToJson() : "defined";
    }

    [Fact]
    public void A_failing_negation_ends_its_branch_not_the_search()
    {
        // 1 is dropped by the negation; 2, 3 and 4 still come: the negation of x == 1 fails only for x = 1.
        const string module = """
            package test
            p contains x if {
                some x in [1, 2, 3, 4]
                not x == 1
            }
            q contains x if {
                some x in [1, 2, 3, 4]
                not input.drop[_] == x
            }
            """;
        Eval(module, "x := data.test.p").Should().Be("[2,3,4]");
        // drop = [1, 3]: the general path (an enumerating negation) keeps 2 and 4.
        Eval(module, "x := data.test.q", """{"drop": [1, 3]}""").Should().Be("[2,4]");
    }

    [Fact]
    public void A_reference_into_data_is_evaluated_again_under_with()
    {
        // input_eq holds only when input.x is 1, so `not input_eq with input.x as x` keeps 2 and 3.
        const string module = """
            package test
            input_eq if input.x == 1
            p contains x if {
                some x in [1, 2, 3]
                not data.test.input_eq with input.x as x
            }
            plain := data.test.input_eq
            """;
        Eval(module, "x := data.test.p", """{"x": 1}""").Should().Be("[2,3]");
        Eval(module, "x := data.test.plain", """{"x": 1}""").Should().Be("true");
        Eval(module, "x := data.test.plain", """{"x": 2}""").Should().Be("undefined");
    }

    [Fact]
    public void An_undefined_argument_makes_a_call_undefined()
    {
        // count(input.missing) is undefined: the assignment fails, its negation holds.
        const string module = """
            package test
            assigned if { n := count(input.missing); n >= 0 }
            negated if not count(input.missing) > 0
            collection := [1, input.missing]
            object := {"a": input.missing}
            """;
        Eval(module, "x := data.test.assigned", "{}").Should().Be("undefined");
        Eval(module, "x := data.test.negated", "{}").Should().Be("true");
        Eval(module, "x := data.test.collection", "{}").Should().Be("undefined");
        Eval(module, "x := data.test.object", "{}").Should().Be("undefined");
    }

    [Fact]
    public void Equality_of_two_known_terms_and_binding_either_side()
    {
        const string module = """
            package test
            left if { y := 2; [1, y] = [1, 2] }
            swapped := y if { {"k": 3} = z; y := z.k }
            mismatch if { y := 2; y = 3 }
            """;
        Eval(module, "x := data.test.left").Should().Be("true");
        Eval(module, "x := data.test.swapped").Should().Be("3");
        Eval(module, "x := data.test.mismatch").Should().Be("undefined");
    }

    [Fact]
    public void Required_labels_and_cpu_limits_over_thirty_deployments()
    {
        // bench/compare/rego/policy.rego over generate.py's first 30 Deployments: the cost-center
        // label is missing when i % 3 == 0 (i = 0, 3, ..., 27: 10 Deployments) and the main
        // container has no CPU limit when i % 5 == 0 (i = 0, 5, ..., 25: 6), so 16 messages.
        const string module = """
            package x
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
        var deployments = Enumerable.Range(0, 30).Select(i =>
        {
            var labels = i % 3 != 0 ? $$"""{"app": "svc-{{i}}", "team": "t", "cost-center": "cc"}""" : $$"""{"app": "svc-{{i}}", "team": "t"}""";
            var limits = i % 5 != 0 ? """{"memory": "1Gi", "cpu": "500m"}""" : """{"memory": "1Gi"}""";
            return "{\"metadata\": {\"name\": \"svc-" + i + "\", \"namespace\": \"ns\", \"labels\": " + labels + "},"
                + "\"spec\": {\"template\": {\"spec\": {\"containers\": ["
                + "{\"name\": \"main\", \"resources\": {\"limits\": " + limits + "}},"
                + "{\"name\": \"sidecar\", \"resources\": {\"limits\": {\"cpu\": \"100m\"}}}]}}}}";
        });
        var input = "[" + string.Join(",", deployments) + "]";
        Eval(module, "x := count(data.x.violations)", input).Should().Be("16");
        Eval(module, "x := data.x.violations[_]; startswith(x, \"ns/svc-25:\"); contains(x, \"cpu\")", input)
            .Should().Be("\"ns/svc-25: container main has no cpu limit\"");
    }

    [Fact]
    public void Small_integers_from_the_shared_table_equal_new_ones()
    {
        RegoNumber.FromInteger(5L).Should().Be(RegoNumber.FromInteger(new BigInteger(5)));
        RegoNumber.FromInteger(5L).Should().BeSameAs(RegoNumber.FromInteger(5L));
        RegoNumber.FromInteger(1023L).ToJson().Should().Be("1023");
        RegoNumber.FromInteger(1024L).ToJson().Should().Be("1024");
        RegoNumber.FromInteger(-1L).ToJson().Should().Be("-1");
    }
}
