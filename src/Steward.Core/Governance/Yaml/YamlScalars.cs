using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Steward.Core.Governance.Yaml;

/// <summary>
/// Resolves plain YAML scalars by the YAML 1.2 core schema (what Kubernetes tooling reads):
/// null, booleans, integers, floats; anything quoted is a string.
/// </summary>
public static class YamlScalars
{
    public static bool IsNull(YamlScalarNode scalar) =>
        scalar.Style == ScalarStyle.Plain && scalar.Value is null or "" or "~" or "null" or "Null" or "NULL";

    public static bool TryBoolean(YamlScalarNode scalar, out bool value)
    {
        value = false;
        if (scalar.Style != ScalarStyle.Plain) return false;
        switch (scalar.Value)
        {
            case "true" or "True" or "TRUE": value = true; return true;
            case "false" or "False" or "FALSE": return true;
            default: return false;
        }
    }

    /// <summary>A plain scalar that reads as a number; integers and decimals stay exact.</summary>
    public static bool TryNumber(YamlScalarNode scalar, out decimal value)
    {
        value = 0;
        if (scalar.Style != ScalarStyle.Plain || string.IsNullOrEmpty(scalar.Value)) return false;
        var text = scalar.Value;
        if (text.StartsWith("0x", StringComparison.Ordinal) &&
            long.TryParse(text.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var hex))
        {
            value = hex;
            return true;
        }
        if (text.StartsWith("0o", StringComparison.Ordinal))
        {
            try { value = Convert.ToInt64(text[2..], 8); return true; }
            catch (FormatException) { return false; }
            catch (ArgumentException) { return false; }
        }
        if (!LooksNumeric(text)) return false;
        return decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    private static bool LooksNumeric(string text)
    {
        // The core schema's int and float patterns: [-+]?digits[.digits][e[-+]digits]; no spaces, no underscores.
        var i = 0;
        if (text[0] is '-' or '+') i++;
        var digits = 0;
        var sawDot = false;
        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsAsciiDigit(c)) { digits++; continue; }
            if (c == '.' && !sawDot) { sawDot = true; continue; }
            if ((c == 'e' || c == 'E') && digits > 0)
            {
                i++;
                if (i < text.Length && text[i] is '-' or '+') i++;
                if (i >= text.Length) return false;
                for (; i < text.Length; i++) if (!char.IsAsciiDigit(text[i])) return false;
                return true;
            }
            return false;
        }
        return digits > 0;
    }

    /// <summary>Converts a YAML node tree to JSON (what policies see as input and data).</summary>
    public static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlScalarNode s when IsNull(s) => null,
        YamlScalarNode s when TryBoolean(s, out var b) => JsonValue.Create(b),
        YamlScalarNode s when TryNumber(s, out var d) => JsonValue.Create(d),
        YamlScalarNode s when s.Style == ScalarStyle.Plain && s.Value is ".inf" or "+.inf" or ".Inf" => JsonValue.Create(double.MaxValue),
        YamlScalarNode s => JsonValue.Create(s.Value ?? ""),
        YamlSequenceNode seq => new JsonArray(seq.Children.Select(ToJson).ToArray()),
        YamlMappingNode map => MappingToJson(map),
        _ => null,
    };

    private static JsonObject MappingToJson(YamlMappingNode map)
    {
        var obj = new JsonObject();
        foreach (var (key, value) in map.Children)
        {
            var name = key is YamlScalarNode k ? k.Value ?? "" : key.ToString();
            obj[name] = ToJson(value);
        }
        return obj;
    }
}
