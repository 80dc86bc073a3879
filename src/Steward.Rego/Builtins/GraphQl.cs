using Steward.Rego.Builtins.GraphQL;
using Steward.Rego.Values;
using static Steward.Rego.Builtins.Arg;

namespace Steward.Rego.Builtins;

/// <summary>graphql.*: parsing schemas and queries to gqlparser-shaped ASTs, and validation.</summary>
internal static class GraphQl
{
    public static void Register(Registrar r)
    {
        r.Add("graphql.parse_schema", a => Wrap("graphql.parse_schema", () => Schema("graphql.parse_schema", a, 0)), 1);
        r.Add("graphql.parse_query", a => Wrap("graphql.parse_query", () => Query("graphql.parse_query", a, 0)), 1);
        r.Add("graphql.parse", a => Wrap("graphql.parse", () =>
        {
            var q = Query("graphql.parse", a, 0);
            var s = Schema("graphql.parse", a, 1);
            try { GqlSchema.Load(s).ValidateQuery(q); }
            // OPA drops gqlparser's closing period from validation messages.
            catch (GqlException e) { throw new GqlException(e.Message.TrimEnd('.')); }
            return new RegoArray([q, s]);
        }), 2);
        r.Add("graphql.parse_and_verify", a =>
        {
            try
            {
                var q = Query("graphql.parse_and_verify", a, 0);
                var s = Schema("graphql.parse_and_verify", a, 1);
                GqlSchema.Load(s).ValidateQuery(q);
                return new RegoArray([RegoBool.True, q, s]);
            }
            catch (GqlException) { return new RegoArray([RegoBool.False, RegoObject.Empty, RegoObject.Empty]); }
        }, 2);
        r.Add("graphql.is_valid", a =>
        {
            try
            {
                var q = Query("graphql.is_valid", a, 0);
                GqlSchema.Load(Schema("graphql.is_valid", a, 1)).ValidateQuery(q);
                return RegoBool.True;
            }
            catch (GqlException) { return RegoBool.False; }
        }, 2);
        r.Add("graphql.schema_is_valid", a =>
        {
            try
            {
                GqlSchema.Load(Schema("graphql.schema_is_valid", a, 0));
                return RegoBool.True;
            }
            catch (GqlException) { return RegoBool.False; }
        }, 1);
    }

    private static RegoValue Wrap(string fn, Func<RegoValue> f)
    {
        try { return f(); }
        catch (GqlException e) { throw Error(fn, e.Message); }
    }

    private static RegoObject Schema(string fn, RegoValue[] a, int i) => a[i] switch
    {
        RegoString s => GqlParser.ParseSchema(s.Value),
        RegoObject o => o,
        _ => throw TypeError(fn, i, "one of {string, object}", a[i]),
    };

    private static RegoObject Query(string fn, RegoValue[] a, int i) => a[i] switch
    {
        RegoString s => GqlParser.ParseQuery(s.Value),
        RegoObject o => o,
        _ => throw TypeError(fn, i, "one of {string, object}", a[i]),
    };
}
