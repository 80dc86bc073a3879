namespace Steward.Rego.Builtins.JsonSchema;

/// <summary>A schema that is itself invalid; the message is gojsonschema's wording, which OPA passes on.</summary>
internal sealed class SchemaException(string message) : Exception(message);
