using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace Steward.Core.Policy.Gatekeeper;

/// <summary>
/// A template's <c>openAPIV3Schema</c>, the schema of its constraints' <c>spec.parameters</c>, as the
/// API server applies it to the constraint CRD Gatekeeper generates: types, enums, required
/// properties, bounds, patterns, items. Fields the schema does not declare are pruned by the API
/// server, not refused, so they pass here too. OpenAPI 3.0's forms are read as JSON Schema's
/// (<c>nullable</c>, boolean <c>exclusiveMinimum</c>/<c>exclusiveMaximum</c>); x-kubernetes-*
/// extensions are ignored.
/// </summary>
public sealed class ParameterSchema
{
    private static readonly EvaluationOptions Options = new() { OutputFormat = OutputFormat.List };

    private readonly JsonSchema _schema;

    private ParameterSchema(JsonSchema schema) => _schema = schema;

    /// <summary>The schema of a template (read as JSON Schema 2020-12, whose unknown keywords such as example are allowed); null when it declares none.</summary>
    /// <exception cref="StewardInputException">The schema is not one (a keyword of the wrong type).</exception>
    public static ParameterSchema? Of(TemplateDefinition template)
    {
        if (template.ParameterSchema is not { } openApi) return null;
        var converted = ToJsonSchema(openApi.DeepClone());
        try
        {
            return new ParameterSchema(JsonSchema.FromText(converted.ToJsonString(), new BuildOptions { SchemaRegistry = new SchemaRegistry(), Dialect = Dialect.Draft202012 }));
        }
        catch (Exception e) when (e is JsonSchemaException or JsonException or ArgumentException or InvalidOperationException)
        {
            throw new StewardInputException($"{template.File}: spec.crd.spec.validation.openAPIV3Schema of ConstraintTemplate {template.Name} is not a valid schema: {e.Message}", e);
        }
    }

    /// <summary>Every error of the parameters, as (path under spec.parameters, message), in document order.</summary>
    public IReadOnlyList<(IReadOnlyList<string> Path, string Message)> Validate(JsonNode parameters)
    {
        using var document = JsonDocument.Parse(parameters.ToJsonString());
        var result = _schema.Evaluate(document.RootElement, Options);
        if (result.IsValid) return [];
        return [.. (result.Details ?? [])
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => (Path: Segments(d.InstanceLocation.ToString()), Message: e.Value)))
            .GroupBy(e => string.Join('/', e.Path) + "\n" + e.Message, StringComparer.Ordinal).Select(g => g.First())];
    }

    /// <summary>A JSON pointer's segments ("/labels/0" → labels, 0).</summary>
    private static IReadOnlyList<string> Segments(string pointer) =>
        [.. pointer.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(s => s.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal))];

    /// <summary>The field as a user writes it: spec.parameters.labels[0].key.</summary>
    public static string FieldName(IReadOnlyList<string> path) =>
        "spec.parameters" + string.Concat(path.Select(p => p.All(char.IsAsciiDigit) && p.Length > 0 ? $"[{p}]" : "." + p));

    /// <summary>OpenAPI 3.0 keywords rewritten as JSON Schema 2020-12 reads them, recursively.</summary>
    private static JsonNode ToJsonSchema(JsonNode node)
    {
        if (node is JsonArray array)
        {
            foreach (var item in array.Where(i => i is not null)) ToJsonSchema(item!);
            return node;
        }
        if (node is not JsonObject o) return node;
        foreach (var (_, child) in o.ToList())
        {
            if (child is not null) ToJsonSchema(child);
        }
        if (o["nullable"] is JsonValue nullable && nullable.TryGetValue<bool>(out var isNullable) && isNullable && o["type"] is JsonValue type && type.TryGetValue<string>(out var t))
            o["type"] = new JsonArray(t, "null");
        o.Remove("nullable");
        Exclusive(o, "exclusiveMinimum", "minimum");
        Exclusive(o, "exclusiveMaximum", "maximum");
        return o;
    }

    private static void Exclusive(JsonObject o, string exclusive, string bound)
    {
        if (o[exclusive] is not JsonValue v || !v.TryGetValue<bool>(out var on)) return;
        o.Remove(exclusive);
        if (on && o[bound] is { } value)
        {
            o.Remove(bound);
            o[exclusive] = value.DeepClone();
        }
    }
}
