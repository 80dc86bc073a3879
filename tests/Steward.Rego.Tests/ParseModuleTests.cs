using Steward.Rego.Evaluation;

namespace Steward.Rego.Tests;

/// <summary>rego.parse_module returns OPA's JSON AST (regoparsemodule/test-regoparsemodule-0320 and -0321).</summary>
public class ParseModuleTests
{
    private static RegoEngine Engine(string source)
    {
        var engine = new RegoEngine();
        engine.SetDataJson(System.Text.Json.JsonSerializer.Serialize(new { src = source }));
        engine.AddModule("t.rego", "package t\nm := rego.parse_module(\"x.rego\", data.src)");
        return engine;
    }

    [Fact]
    public void The_package_path_is_data_then_its_names_as_string_terms()
    {
        // regoparsemodule/ok: module["package"].path[1].value is "foo".
        var m = Engine("package foo.bar\n\nimport rego.v1\nimport data.a\n\np if { a = true }").Evaluate("x := data.t.m", null)[0].Bindings["x"];
        var json = m.ToJson();
        json.Should().Contain("""{"path":[{"type":"var","value":"data"},{"type":"string","value":"foo"},{"type":"string","value":"bar"}]}""");
        // import data.a; the body a = true as OPA's call form [eq, a, true].
        json.Should().Contain("""{"path":{"type":"ref","value":[{"type":"var","value":"data"},{"type":"string","value":"a"}]}}""");
        json.Should().Contain("""{"index":0,"terms":[{"type":"ref","value":[{"type":"var","value":"eq"}]},{"type":"var","value":"a"},{"type":"boolean","value":true}]}""");
    }

    [Fact]
    public void A_parse_error_is_the_builtin_error_carrying_rego_parse_error()
    {
        // regoparsemodule/error: eval_builtin_error "rego_parse_error: ..." (strict errors).
        var act = () => Engine("package foo.").Evaluate("x := data.t.m", null, new EvalOptions { StrictBuiltinErrors = true });
        act.Should().Throw<RegoException>().Where(e => e.Code == "eval_builtin_error" && e.Message.StartsWith("rego_parse_error: ", StringComparison.Ordinal));
    }
}
