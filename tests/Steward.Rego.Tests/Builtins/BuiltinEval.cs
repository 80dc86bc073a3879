using Steward.Rego.Evaluation;

namespace Steward.Rego.Tests.Builtins;

/// <summary>Evaluates one expression with strict builtin errors, as OPA's compliance cases marked strict_error do.</summary>
internal static class BuiltinEval
{
    public static string ValueOf(string expression)
    {
        var engine = new RegoEngine();
        engine.AddModule("t.rego", "package t\np := " + expression);
        var results = engine.Evaluate("x := data.t.p", null, new EvalOptions { StrictBuiltinErrors = true });
        results.Should().HaveCount(1, expression);
        return results[0].Bindings["x"].ToJson();
    }

    public static RegoException Error(string expression)
    {
        var act = () => ValueOf(expression);
        return act.Should().Throw<RegoException>().Which;
    }
}
