using System.Text.Json;

namespace Steward.Core.SupplyChain.Sbom;

/// <summary>
/// Typed reads of optional JSON fields that fail with the file and the JSON path of the field,
/// so a malformed SBOM gets a message a user can act on.
/// </summary>
internal readonly record struct JsonAccess(string File)
{
    public StewardInputException Error(string path, string problem) => new($"{File}: {path}: {problem}");

    public string? String(JsonElement parent, string name, string path)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw Error(path + "." + name, $"expected a string, found {value.ValueKind.ToString().ToLowerInvariant()}");
    }

    public IEnumerable<(JsonElement Element, string Path)> Array(JsonElement parent, string name, string path)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) yield break;
        if (value.ValueKind != JsonValueKind.Array)
            throw Error(path + "." + name, $"expected an array, found {value.ValueKind.ToString().ToLowerInvariant()}");
        var i = 0;
        foreach (var item in value.EnumerateArray())
        {
            yield return (item, $"{path}.{name}[{i}]");
            i++;
        }
    }

    public JsonElement Object(JsonElement element, string path) => element.ValueKind == JsonValueKind.Object
        ? element
        : throw Error(path, $"expected an object, found {element.ValueKind.ToString().ToLowerInvariant()}");
}
