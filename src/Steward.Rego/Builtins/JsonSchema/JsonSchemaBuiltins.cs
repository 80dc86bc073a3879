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
            // OPA: every failure, the loader's included, is [false, "jsonschema: <reason>"].
            try
            {
                SchemaChecker.Check(Load(a[0]));
                return new RegoArray([RegoBool.True, RegoValue.Null]);
            }
            catch (SchemaException e) { return new RegoArray([RegoBool.False, new RegoString("jsonschema: " + e.Message)]); }
        }, 1);
        r.Add("json.match_schema", 2, (ctx, a) =>
        {
            // OPA: a document or schema that does not load, or a schema that does not compile,
            // is a builtin error with the reason alone.
            const string fn = "json.match_schema";
            try
            {
                var document = Load(a[0]);
                var schema = Load(a[1]);
                SchemaChecker.Check(schema);
                var errors = new SchemaValidator(schema, ctx.Meter.Limits.Timeout).Validate(document);
                return new RegoArray([RegoValue.From(errors.Count == 0), new RegoArray(errors.Select(e => (RegoValue)e.ToRego()))]);
            }
            catch (SchemaException e) { throw Error(fn, e.Message); }
        });
    }

    /// <summary>OPA's astValueToJSONSchemaLoader: JSON text, or an object or array taken as it is.</summary>
    private static RegoValue Load(RegoValue v)
    {
        switch (v)
        {
            case RegoString s:
                try { return RegoJson.Parse(s.Value); }
                catch (RegoException) { throw new SchemaException("invalid JSON string"); }
            case RegoObject or RegoArray:
                return v;
            default:
                throw new SchemaException("wrong type, expected string or object");
        }
    }
}
