using Steward.Rego.Evaluation;
using Steward.Rego.Values;

namespace Steward.Rego.Tests;

/// <summary>Behaviours stated against OPA's expected values.</summary>
public class EngineTests
{
    private static RegoValue Eval(string module, string query, string? input = null, bool v0 = false)
    {
        var engine = new RegoEngine(new RegoEngineOptions { V0Compatible = v0 });
        engine.AddModule("test.rego", module);
        var results = engine.Evaluate(query, input is null ? null : RegoValue.FromJson(input));
        results.Should().HaveCount(1);
        return results[0].Bindings["x"];
    }

    [Fact]
    public void Partial_sets_objects_and_default_rules()
    {
        const string module = """
            package test
            default allow := false
            allow if input.user == "admin"
            users contains u if some u in input.users
            ages[name] := age if some name, age in input.ages
            """;
        Eval(module, "x := data.test.allow", "{\"user\": \"bob\"}").ToJson().Should().Be("false");
        Eval(module, "x := data.test.users", "{\"users\": [\"b\", \"a\", \"b\"]}").ToJson().Should().Be("[\"a\",\"b\"]");
        Eval(module, "x := data.test.ages", "{\"ages\": {\"z\": 1, \"a\": 2}}").ToJson().Should().Be("{\"a\":2,\"z\":1}");
    }

    [Fact]
    public void Numbers_compare_exactly_and_one_equals_one_point_zero()
    {
        Eval("package test", "x := 1 == 1.0").ToJson().Should().Be("true");
        Eval("package test", "x := 0.1 + 0.2").ToJson().Should().Be("0.3");
        Eval("package test", "x := 12345678901234567890 * 10").ToJson().Should().Be("123456789012345678900");
        Eval("package test", "x := 7 / 2").ToJson().Should().Be("3.5");
    }

    [Fact]
    public void Values_sort_as_opa_does()
    {
        var v = Eval("package test", "x := sort([{}, \"a\", 1, null, [1], true])");
        v.ToJson().Should().Be("[null,true,1,\"a\",[1],{}]");
    }

    [Fact]
    public void Conflicting_complete_rules_raise_eval_conflict_error()
    {
        var engine = new RegoEngine();
        engine.AddModule("t.rego", "package test\np := 1\np := 2\n");
        var act = () => engine.Evaluate("data.test.p");
        act.Should().Throw<RegoException>().Which.Code.Should().Be(RegoErrorCodes.Conflict);
    }

    [Fact]
    public void Every_else_functions_and_with()
    {
        const string module = """
            package test
            all_pos if every n in input.xs { n > 0 }
            f(x) := "big" if x > 10
            else := "small"
            g := f(input.n)
            """;
        Eval(module, "x := data.test.all_pos", "{\"xs\": [1, 2]}").ToJson().Should().Be("true");
        Eval(module, "x := data.test.g with input.n as 11").ToJson().Should().Be("\"big\"");
        Eval(module, "x := data.test.g with input as {\"n\": 1}").ToJson().Should().Be("\"small\"");
    }

    [Fact]
    public void V0_syntax_is_accepted_with_the_option()
    {
        const string module = "package test\ndeny[msg] { input.bad; msg := \"bad\" }\n";
        Eval(module, "x := data.test.deny", "{\"bad\": true}", v0: true).ToJson().Should().Be("[\"bad\"]");
    }

    [Fact]
    public void Parse_errors_are_positioned_with_the_line_and_a_caret()
    {
        var engine = new RegoEngine();
        var act = () => engine.AddModule("bad.rego", "package test\n\np := [1, 2\n");
        var e = act.Should().Throw<RegoException>().Which;
        e.Code.Should().Be(RegoErrorCodes.Parse);
        e.Location!.File.Should().Be("bad.rego");
        e.Describe().Should().Contain("bad.rego:").And.Contain("^");
    }

    [Fact]
    public void Runaway_recursion_is_an_error_not_a_crash()
    {
        var engine = new RegoEngine();
        engine.AddModule("t.rego", "package test\nf(n) := f(n + 1)\np := f(0)\n");
        // A generous time budget: on a loaded machine the 2,000 nested calls must hit the depth
        // limit, not the default 5 s clock.
        var act = () => engine.Evaluate("data.test.p", null, new EvalOptions { Timeout = TimeSpan.FromMinutes(2) });
        act.Should().Throw<RegoException>().Which.Code.Should().Be(RegoErrorCodes.Limit);
    }

    [Fact]
    public void The_time_budget_stops_a_long_evaluation()
    {
        var engine = new RegoEngine();
        // 10^9 iterations that build nothing: only the clock can stop them (a comprehension collecting
        // them could meet maxCollectionSize first on a fast machine, as it once did in CI).
        engine.AddModule("t.rego", "package test\nr := numbers.range(1, 1000)\np if { some a in r; some b in r; some c in r; a == b + c + 1000 }\n");
        var act = () => engine.Evaluate("data.test.p", null, new EvalOptions { Timeout = TimeSpan.FromMilliseconds(200) });
        act.Should().Throw<RegoException>().Which.Code.Should().Be(RegoErrorCodes.Cancel);
    }

    [Fact]
    public void Builtin_errors_are_undefined_unless_strict()
    {
        var engine = new RegoEngine();
        engine.AddModule("t.rego", "package test\np := 1 / 0\n");
        engine.Evaluate("x := data.test.p").Should().BeEmpty();
        var act = () => engine.Evaluate("x := data.test.p", null, new EvalOptions { StrictBuiltinErrors = true });
        act.Should().Throw<RegoException>().Which.Code.Should().Be(RegoErrorCodes.Builtin);
    }

    [Fact]
    public void Json_round_trips_with_sets_as_sorted_arrays()
    {
        var v = RegoValue.FromJson("{\"b\": [1, 2.5, \"x\"], \"a\": null}");
        v.ToJson().Should().Be("{\"a\":null,\"b\":[1,2.5,\"x\"]}");
        new RegoSet([RegoValue.From(3), RegoValue.From(1)]).ToJson().Should().Be("[1,3]");
    }
}

public class CompileErrorTests
{
    [Fact]
    public void Unsafe_variables_are_reported_at_compile_time_with_their_position()
    {
        var engine = new RegoEngine();
        engine.AddModule("policy.rego", "package t\n\np if {\n  x > 1\n}\n");
        var e = ((Action)engine.Compile).Should().Throw<RegoException>().Which;
        e.Code.Should().Be(RegoErrorCodes.UnsafeVar);
        e.Location!.Line.Should().Be(4);
        e.Describe().Should().Contain("policy.rego:4:3").And.Contain("x > 1");
    }

    [Fact]
    public void Recursive_rules_raise_a_recursion_error()
    {
        var engine = new RegoEngine();
        engine.AddModule("t.rego", "package t\np if q\nq if p\n");
        var act = () => engine.Evaluate("data.t.p");
        act.Should().Throw<RegoException>().Which.Code.Should().Be(RegoErrorCodes.Recursion);
    }
}

public class UndefinedFunctionTests
{
    [Fact]
    public void Calls_of_unknown_functions_are_type_errors_at_the_call()
    {
        var engine = new RegoEngine();
        engine.AddModule("policy.rego", "package t\n\np if {\n  nosuch.fn(1)\n}\n");
        var e = ((Action)engine.Compile).Should().Throw<RegoException>().Which;
        e.Code.Should().Be(RegoErrorCodes.Type);
        e.Message.Should().Contain("undefined function nosuch.fn");
        e.Location!.Line.Should().Be(4);
    }
}
