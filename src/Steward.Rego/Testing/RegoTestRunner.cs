using Steward.Rego.Syntax;
using Steward.Rego.Values;

namespace Steward.Rego.Testing;

/// <summary>
/// OPA's test runner (<c>opa test</c>) on Steward's engine: every rule named <c>test_*</c> of the loaded
/// modules is evaluated once; it passes when it is defined and no value of it is false. Errors found
/// before evaluation (syntax, compilation) are thrown, as they say nothing about one test.
/// </summary>
public static class RegoTestRunner
{
    /// <summary>
    /// Compiles the engine's modules (now: a compile error is thrown before any result) and returns the
    /// results lazily, in module and rule order, so that a caller can print each as it comes.
    /// </summary>
    public static IEnumerable<RegoTestResult> Run(RegoEngine engine)
    {
        engine.Compile();
        return RunCompiled(engine);
    }

    /// <summary>Errors found before evaluation (syntax, compilation, safety) rather than while evaluating.</summary>
    public static bool IsStatic(RegoException e) => e.Code.StartsWith("rego_", StringComparison.Ordinal) && e.Code != RegoErrorCodes.Recursion;

    /// <summary>The test rules, each name once (several definitions of one test run once, as OPA reports them).</summary>
    public static IEnumerable<(Module Module, Rule Rule)> TestRules(RegoEngine engine)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var m in engine.Modules)
        {
            foreach (var r in m.Rules)
            {
                if (r.Head.Count != 1 || r.Args is not null || r.IsDefault) continue;
                var name = ((VarTerm)r.Head[0]).Name;
                if (!name.StartsWith("test_", StringComparison.Ordinal)) continue;
                if (seen.Add(string.Join('.', m.Package) + "." + name)) yield return (m, r);
            }
        }
    }

    private static IEnumerable<RegoTestResult> RunCompiled(RegoEngine engine)
    {
        foreach (var (module, rule) in TestRules(engine))
        {
            var ruleName = ((VarTerm)rule.Head[0]).Name;
            var name = "data." + string.Join('.', module.Package) + "." + ruleName;
            // The reference in brackets: package segments and rule names need not be identifiers.
            var query = "data" + string.Concat(module.Package.Select(p => "[" + RegoJson.Serialize(new RegoString(p)) + "]"))
                + "[" + RegoJson.Serialize(new RegoString(ruleName)) + "]";
            var where = $"{rule.Loc.File}:{rule.Loc.Line}";
            RegoTestResult result;
            try
            {
                var results = engine.Evaluate(query);
                var ok = results.Count > 0 && results.All(r => r.Expressions[0] is not RegoBool { Value: false });
                result = new RegoTestResult(name, where, ok ? RegoTestOutcome.Pass : RegoTestOutcome.Fail);
            }
            catch (RegoException e) when (!IsStatic(e))
            {
                result = new RegoTestResult(name, where, RegoTestOutcome.Error, e);
            }
            yield return result;
        }
    }
}
