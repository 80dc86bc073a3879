using Steward.Rego.Syntax;
using Steward.Rego.Values;
using static Steward.Rego.Builtins.Arg;

namespace Steward.Rego.Builtins;

/// <summary>
/// rego.parse_module: Rego source (v1 syntax, as OPA's default) to OPA's JSON AST.
/// rego.metadata.chain / rego.metadata.rule are declared here; the evaluator answers them from
/// the annotations fixed at compile time for each call site.
/// </summary>
internal static class RegoModules
{
    public static void Register(Registrar r)
    {
        r.Add("rego.parse_module", a =>
        {
            const string fn = "rego.parse_module";
            var file = Str(fn, a, 0);
            var source = Str(fn, a, 1);
            try { return AstJson.Module(new Parser(file, source).ParseModule()); }
            catch (RegoException e) when (e.Code == RegoErrorCodes.Parse)
            {
                // OPA passes the parse error on as the builtin's error, code included.
                throw new RegoException(RegoErrorCodes.Builtin, $"{e.Code}: {e.Message}");
            }
        }, 2);
        r.Add("rego.metadata.chain", a => RegoArray.Empty, 0);
        r.Add("rego.metadata.rule", a => RegoObject.Empty, 0);
    }
}
