using System.Globalization;
using System.Text.Json;

namespace Steward.Core.FinOps.DropFolder;

/// <summary>Reading the fields of an export manifest, each failure one line naming the manifest and the field.</summary>
internal static class ManifestJson
{
    /// <exception cref="StewardInputException">Not JSON (with its line and column), or not an object.</exception>
    public static JsonDocument Parse(byte[] bytes, string name)
    {
        try
        {
            var document = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = 32 });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                throw new StewardInputException($"{name}: line 1: expected a JSON object");
            return document;
        }
        catch (JsonException e)
        {
            var line = (e.LineNumber ?? 0) + 1;
            var column = (e.BytePositionInLine ?? 0) + 1;
            throw new StewardInputException($"{name}: line {line}, column {column}: not valid JSON; the manifest cannot be read", e);
        }
    }

    public static string? String(JsonElement obj, string field, string name)
    {
        if (!obj.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
            return null;
        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw new StewardInputException($"{name}: field {field}: expected a string, found {value.ValueKind.ToString().ToLowerInvariant()}");
    }

    public static JsonElement? Object(JsonElement obj, string field, string name)
    {
        if (!obj.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
            return null;
        return value.ValueKind == JsonValueKind.Object
            ? value
            : throw new StewardInputException($"{name}: field {field}: expected an object, found {value.ValueKind.ToString().ToLowerInvariant()}");
    }

    public static JsonElement Array(JsonElement obj, string field, string name, string what)
    {
        if (!obj.TryGetProperty(field, out var value))
            throw new StewardInputException($"{name}: field {field}: missing; {what}");
        return value.ValueKind == JsonValueKind.Array
            ? value
            : throw new StewardInputException($"{name}: field {field}: expected an array, found {value.ValueKind.ToString().ToLowerInvariant()}");
    }

    public static long? Long(JsonElement obj, string field, string name)
    {
        if (!obj.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
            return null;
        return value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var n) && n >= 0
            ? n
            : throw new StewardInputException($"{name}: field {field}: expected a non-negative whole number");
    }

    /// <summary>
    /// A UTC date-time in the forms the exports write: ISO 8601 (with or without an offset; none means
    /// UTC), or the legacy CUR form 20240901T000000.000Z.
    /// </summary>
    public static DateTime? Time(string? text, string field, string name)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        if (DateTime.TryParseExact(text, ["yyyyMMdd'T'HHmmss.fff'Z'", "yyyyMMdd'T'HHmmss'Z'", "yyyyMMdd"], CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var compact))
            return compact;
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var iso))
            return iso.UtcDateTime;
        throw new StewardInputException($"{name}: field {field}: value '{text}' is not a date-time");
    }
}
