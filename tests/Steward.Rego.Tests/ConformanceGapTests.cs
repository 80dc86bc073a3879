using System.Text.Json;
using Steward.Rego.Conformance;
using Steward.Rego.Values;

namespace Steward.Rego.Tests;

/// <summary>
/// Behaviours that once failed OPA's compliance suite; each expected value is the suite's
/// want_result (or want_error) for the named case under shared/conformance/opa.
/// </summary>
public class ConformanceGapTests
{
    private static RegoValue Eval(string module, string query)
    {
        var engine = new RegoEngine();
        engine.AddModule("test.rego", module);
        var results = engine.Evaluate(query, null);
        results.Should().HaveCount(1);
        return results[0].Bindings["x"];
    }

    [Fact]
    public void Globs_match_is_true_when_two_globs_share_a_string()
    {
        // globsmatch/test-globsmatch-0865 (true) and -0868 (both "bar" and "baz" meet "b.*").
        Eval("package t", """x := regex.globs_match("a.a.[0-9]+z", ".b.b2359825792*594823z")""").ToJson().Should().Be("true");
        Eval("package t", """x := [regex.globs_match("b.*", "bar"), regex.globs_match("b.*", "baz")]""").ToJson().Should().Be("[true,true]");
        // Disjoint character classes and lengths share no string (glob-intersection's semantics).
        Eval("package t", """x := regex.globs_match("a[0-9]", "a[a-z]")""").ToJson().Should().Be("false");
        Eval("package t", """x := regex.globs_match("ab?", "abb")""").ToJson().Should().Be("false");
    }

    [Fact]
    public void Globs_match_rejects_a_set_close_without_a_set_open()
    {
        // globsmatch/test-globsmatch-0867: eval_builtin_error "set-close ']' with no preceding '['".
        var engine = new RegoEngine();
        engine.AddModule("test.rego", "package t\np := regex.globs_match(\"[a-z]+\", \"pqrs]\")");
        var act = () => engine.Evaluate("x := data.t.p", null, new Evaluation.EvalOptions { StrictBuiltinErrors = true });
        act.Should().Throw<RegoException>().Where(e => e.Code == "eval_builtin_error" && e.Message.Contains("set-close ']' with no preceding '['"));
    }

    [Fact]
    public void Sprintf_prints_a_literal_beyond_double_range_as_written()
    {
        // strings/test-strings-0921 "sprintf: float too big": "hi 2e308".
        Eval("package t", """x := sprintf("hi %v", [2e308])""").ToJson().Should().Be("\"hi 2e308\"");
    }

    [Fact]
    public void Raw_template_strings_escape_a_brace_with_a_backslash()
    {
        // stringinterpolation/test-string_interpolation_multi-line "escaped template expressions".
        const string module = "package test\na := $`\\{42}`\nb := $`foo \\{42} bar`\nc := $`foo \\{42} bar \\{43} baz`\nd := $`\\{{42}`\ne := $`\\n{1}`\n";
        Eval(module, "x := data.test").ToJson().Should().Be("""{"a":"{42}","b":"foo {42} bar","c":"foo {42} bar {43} baz","d":"{42","e":"\\n1"}""");
    }

    [Fact]
    public void Template_expressions_may_carry_with_modifiers()
    {
        // stringinterpolation "with in template expression": "foo 42", both quoting forms.
        const string module = "package test\na := input.a\np := $\"foo {a with input as {\"a\" : 42}}\"\nq := $`foo {a with input as {\"a\" : 42}}`\n";
        Eval(module, "x := [data.test.p, data.test.q]").ToJson().Should().Be("""["foo 42","foo 42"]""");
        // A set comprehension written by the policy is still printed as a set.
        Eval("package test\np := $\"{ {x | x := \"a\"} }\"", "x := data.test.p").ToJson().Should().Be("\"{\\\"a\\\"}\"");
    }

    [Fact]
    public void Sort_bindings_orders_each_array_binding_like_OPA_runner()
    {
        // virtualdocs/test-virtualdocs-0648: OPA sorts the JSON of a binding, so set() (now []) sorts before {}.
        var rows = (RegoArray)RegoJson.Parse("""[{"x": [{}, [], "", 0, null, []]}]""");
        RegoJson.Serialize(ConformanceHarness.SortBindings(rows)).Should().Be("""[{"x":[null,0,"",[],[],{}]}]""");
        RunCase("virtualdocs/test-virtualdocs-0648.json").Passed.Should().BeTrue();
    }

    [Fact]
    public void Decode_verify_unwraps_a_token_nested_twice()
    {
        // jwtdecodeverify/test-jwtdecodeverify-0466 "rsa256-nested2": cty JWT twice, each level signed
        // with the same RS256 key; OPA gives [true, inner header, inner payload].
        var outcome = RunCase("jwtdecodeverify/test-jwtdecodeverify-0466.json");
        outcome.Got.Should().Be("""[{"x":[true,{"alg":"RS256","typ":"JWT"},{"iss":"xxx"}]}]""");
        outcome.Passed.Should().BeTrue();
    }

    [Fact]
    public void Reachable_paths_ends_a_path_at_a_node_reached_earlier_in_the_same_walk()
    {
        // reachable/test-reachable-paths-1022 "cycle_1022_3": seven is reached through five first,
        // so the walk through six stops at six; "" is not a node, so paths end before it.
        const string graph = """{"one": ["two", "five"], "two": ["four"], "three": [""], "four": ["three"], "five": ["seven", "six"], "six": ["nine", "seven"], "seven": ["eight"], "eight": ["three"], "nine": [""]}""";
        Eval("package t", $"x := graph.reachable_paths({graph}, {{\"one\"}})").ToJson().Should().Be(
            """[["one","five","seven","eight","three"],["one","five","six"],["one","five","six","nine"],["one","two","four","three"]]""");
    }

    private static CaseOutcome RunCase(string file)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Steward.TestSupport.RepositoryPaths.InShared(["conformance", "opa", .. file.Split('/')])));
        var c = new ConformanceCase(file, "", doc.RootElement.GetProperty("cases")[0].Clone());
        return ConformanceHarness.Run(c, TimeSpan.FromSeconds(5));
    }
}
