using Steward.Rego.Values;

namespace Steward.Rego.Builtins.JsonSchema;

/// <summary>
/// One validation failure, shaped like gojsonschema's result error that OPA returns from
/// json.match_schema: type, field (the path without "(root)."), description, and "field: desc".
/// </summary>
internal sealed record SchemaError(string Type, string Context, string Description)
{
    public string Field => Context.StartsWith(SchemaValidator.Root + ".", StringComparison.Ordinal) ? Context[(SchemaValidator.Root.Length + 1)..] : Context;

    public RegoObject ToRego() => RegoObject.FromStrings(
    [
        new("desc", new RegoString(Description)),
        new("error", new RegoString($"{Field}: {Description}")),
        new("field", new RegoString(Field)),
        new("type", new RegoString(Type)),
    ]);
}
