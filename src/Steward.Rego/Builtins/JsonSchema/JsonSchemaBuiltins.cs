using Steward.Rego.Values;
using static Steward.Rego.Builtins.Arg;

namespace Steward.Rego.Builtins.JsonSchema;

/// <summary>
/// json.verify_schema and json.match_schema. A schema or document may be given as a value or as
/// JSON text, as in OPA.
/// </summary>
internal static class JsonSchemaBuiltins
{
    public static void Register(Registrar r)
    {
        r.Add("json.verify_schema", a =>
        {
            const string fn = "json.verify_schema";
            try
            {
                SchemaChecker.Check(Value(fn, a, 0, "schema"));
                return new RegoArray([RegoBool.True, RegoValue.Null]);
            }
            catch (SchemaException e) { return new RegoArray([RegoBool.False, new RegoString(e.Message)]); }
        }, 1);
        r.Add("json.match_schema", 2, (ctx, a) =>
        {
            const string fn = "json.match_schema";
            var document = Value(fn, a, 0, "document");
            var schema = Value(fn, a, 1, "schema");
            try
            {
                SchemaChecker.Check(schema);
                var errors = new SchemaValidator(schema, ctx.Meter.Limits.Timeout).Validate(document);
                return new RegoArray([RegoValue.From(errors.Count == 0), new RegoArray(errors.Select(e => (RegoValue)e.ToRego()))]);
            }
            catch (SchemaException e) { throw Error(fn, e.Message); }
        });
    }

    private static RegoValue Value(string fn, RegoValue[] a, int i, string what)
    {
        switch (a[i])
        {
            case RegoString s:
                try { return RegoJson.Parse(s.Value); }
                catch (RegoException e) { throw Error(fn, $"{what} is not valid JSON: {e.Message}"); }
            case RegoObject or RegoBool or RegoArray:
                return a[i];
            default:
                throw TypeError(fn, i, "string or object", a[i]);
        }
    }
}
