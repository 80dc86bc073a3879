using Steward.Rego.Values;

namespace Steward.Rego.Builtins.JsonSchema;

/// <summary>
/// Checks that a schema is well formed before use (types are JSON types, patterns compile,
/// counts are non-negative integers), failing with gojsonschema's messages.
/// </summary>
internal static class SchemaChecker
{
    public static readonly string[] JsonTypes = ["array", "boolean", "integer", "number", "null", "object", "string"];

    private static readonly string[] SchemaValuedKeys = ["additionalItems", "additionalProperties", "not", "if", "then", "else", "contains", "propertyNames"];
    private static readonly string[] SchemaListKeys = ["allOf", "anyOf", "oneOf"];
    private static readonly string[] SchemaMapKeys = ["properties", "patternProperties", "definitions", "$defs"];
    private static readonly string[] CountKeys = ["minLength", "maxLength", "minItems", "maxItems", "minProperties", "maxProperties"];

    public static void Check(RegoValue schema)
    {
        if (schema is RegoBool) return;
        if (schema is not RegoObject s) throw new SchemaException("Invalid type. Expected: object, given: " + SchemaValidator.TypeOf(schema));
        if (s.Get(new RegoString("type")) is { } type) CheckType(type);
        foreach (var key in CountKeys)
        {
            if (s.Get(new RegoString(key)) is { } v && (v is not RegoNumber n || !n.IsInteger || n.Sign < 0))
                throw new SchemaException($"{key} must be greater than or equal to 0");
        }
        if (s.Get(new RegoString("multipleOf")) is { } m && (m is not RegoNumber mn || mn.Sign <= 0))
            throw new SchemaException("multipleOf must be strictly greater than 0");
        if (s.Get(new RegoString("required")) is { } req && (req is not RegoArray ra || ra.Items.Any(r => r is not RegoString)))
            throw new SchemaException("required items must be string");
        if (s.Get(new RegoString("pattern")) is { } p) CheckPattern(p);
        if (s.Get(new RegoString("patternProperties")) is RegoObject pp)
        {
            foreach (var k in pp.Items.Keys) CheckPattern(k);
        }
        foreach (var key in SchemaValuedKeys)
        {
            if (s.Get(new RegoString(key)) is { } sub) Check(sub);
        }
        foreach (var key in SchemaListKeys)
        {
            if (s.Get(new RegoString(key)) is not { } list) continue;
            if (list is not RegoArray arr || arr.Count == 0) throw new SchemaException($"{key} must be of an array of schemas");
            foreach (var sub in arr.Items) Check(sub);
        }
        foreach (var key in SchemaMapKeys)
        {
            if (s.Get(new RegoString(key)) is not { } map) continue;
            if (map is not RegoObject mo) throw new SchemaException($"{key} must be of an object");
            foreach (var sub in mo.Items.Values) Check(sub);
        }
        switch (s.Get(new RegoString("items")))
        {
            case RegoArray items: foreach (var sub in items.Items) Check(sub); break;
            case { } item: Check(item); break;
        }
    }

    private static void CheckType(RegoValue type)
    {
        IEnumerable<RegoValue> names = type is RegoArray a ? a.Items : [type];
        var seen = new HashSet<string>();
        foreach (var n in names)
        {
            if (n is not RegoString s) throw new SchemaException("type must be of type string/array");
            if (!JsonTypes.Contains(s.Value))
                throw new SchemaException($"has a primitive type that is NOT VALID -- given: /{s.Value}/ Expected valid values are:[{string.Join(' ', JsonTypes)}]");
            if (!seen.Add(s.Value)) throw new SchemaException($"{s.Value} type is duplicated");
        }
    }

    private static void CheckPattern(RegoValue p)
    {
        if (p is not RegoString s) throw new SchemaException("pattern must be of type string");
        try { _ = new System.Text.RegularExpressions.Regex(s.Value); }
        catch (ArgumentException) { throw new SchemaException($"pattern must be a valid regex"); }
    }
}
