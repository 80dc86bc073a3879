using Steward.Rego.Values;
using static Steward.Rego.Builtins.Arg;

namespace Steward.Rego.Builtins;

/// <summary>is_* predicates and type_name.</summary>
internal static class Types
{
    public static void Register(Registrar r)
    {
        r.Add("is_number", a => B(a[0] is RegoNumber), 1);
        r.Add("is_string", a => B(a[0] is RegoString), 1);
        r.Add("is_boolean", a => B(a[0] is RegoBool), 1);
        r.Add("is_array", a => B(a[0] is RegoArray), 1);
        r.Add("is_set", a => B(a[0] is RegoSet), 1);
        r.Add("is_object", a => B(a[0] is RegoObject), 1);
        r.Add("is_null", a => B(a[0] is RegoNull), 1);
        r.Add("type_name", a => S(a[0].TypeName), 1);
    }
}
