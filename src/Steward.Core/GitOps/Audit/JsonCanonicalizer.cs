using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Steward.Core.GitOps.Audit;

/// <summary>
/// The JSON Canonicalization Scheme (RFC 8785): object members sorted by their UTF-16 code units,
/// no whitespace, strings escaped as ECMAScript's JSON.stringify does, numbers as ECMAScript
/// formats an IEEE 754 double. Hashes over this form do not depend on who wrote the JSON.
/// </summary>
public static class JsonCanonicalizer
{
    private static readonly System.Buffers.SearchValues<char> NonZeroDigits = System.Buffers.SearchValues.Create("123456789");

    public static string Canonicalize(JsonNode? node)
    {
        var builder = new StringBuilder();
        Write(node, builder);
        return builder.ToString();
    }

    public static byte[] CanonicalBytes(JsonNode? node) => Encoding.UTF8.GetBytes(Canonicalize(node));

    private static void Write(JsonNode? node, StringBuilder output)
    {
        switch (node)
        {
            case null:
                output.Append("null");
                break;
            case JsonObject obj:
                output.Append('{');
                var first = true;
                foreach (var (key, value) in obj.OrderBy(kv => kv.Key, StringComparer.Ordinal))
                {
                    if (!first) output.Append(',');
                    first = false;
                    WriteString(key, output);
                    output.Append(':');
                    Write(value, output);
                }
                output.Append('}');
                break;
            case JsonArray array:
                output.Append('[');
                for (var i = 0; i < array.Count; i++)
                {
                    if (i > 0) output.Append(',');
                    Write(array[i], output);
                }
                output.Append(']');
                break;
            case JsonValue value:
                switch (value.GetValueKind())
                {
                    case JsonValueKind.String: WriteString(value.GetValue<string>(), output); break;
                    case JsonValueKind.True: output.Append("true"); break;
                    case JsonValueKind.False: output.Append("false"); break;
                    case JsonValueKind.Number:
                        output.Append(FormatNumber(double.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture)));
                        break;
                    default: output.Append("null"); break;
                }
                break;
        }
    }

    /// <summary>String escaping of RFC 8785 §3.2.2.2: only quote, backslash and control characters.</summary>
    private static void WriteString(string text, StringBuilder output)
    {
        output.Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '"': output.Append("\\\""); break;
                case '\\': output.Append("\\\\"); break;
                case '\b': output.Append("\\b"); break;
                case '\f': output.Append("\\f"); break;
                case '\n': output.Append("\\n"); break;
                case '\r': output.Append("\\r"); break;
                case '\t': output.Append("\\t"); break;
                default:
                    if (c < 0x20) output.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else output.Append(c);
                    break;
            }
        }
        output.Append('"');
    }

    /// <summary>ECMAScript Number::toString for a finite double (RFC 8785 §3.2.2.3).</summary>
    public static string FormatNumber(double value)
    {
        if (double.IsNaN(value) || double.IsInfinity(value))
            throw new ArgumentException("NaN and Infinity have no JSON form", nameof(value));
        if (value == 0) return "0";
        var negative = value < 0;
        // "R" gives the shortest digits that round-trip, as ECMAScript requires; only the layout differs.
        var shortest = Math.Abs(value).ToString("R", CultureInfo.InvariantCulture);
        var (digits, exponent) = Decompose(shortest);
        var n = exponent + 1; // position of the decimal point relative to the digits, as in ECMAScript's algorithm
        var k = digits.Length;
        string text;
        if (k <= n && n <= 21) text = digits + new string('0', n - k);
        else if (0 < n && n <= 21) text = digits[..n] + "." + digits[n..];
        else if (-6 < n && n <= 0) text = "0." + new string('0', -n) + digits;
        else
        {
            var e = n - 1;
            var sign = e < 0 ? "-" : "+";
            text = (k == 1 ? digits : digits[0] + "." + digits[1..]) + "e" + sign + Math.Abs(e).ToString(CultureInfo.InvariantCulture);
        }
        return negative ? "-" + text : text;
    }

    /// <summary>Significant digits (no leading or trailing zeros) and the decimal exponent of the first digit.</summary>
    private static (string Digits, int Exponent) Decompose(string shortest)
    {
        var exponent = 0;
        var e = shortest.IndexOfAny(['E', 'e']);
        var mantissa = shortest;
        if (e >= 0)
        {
            exponent = int.Parse(shortest[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            mantissa = shortest[..e];
        }
        var dot = mantissa.IndexOf('.', StringComparison.Ordinal);
        var intPart = dot >= 0 ? mantissa[..dot] : mantissa;
        var fracPart = dot >= 0 ? mantissa[(dot + 1)..] : "";
        var all = intPart + fracPart;
        var firstNonZero = all.AsSpan().IndexOfAny(NonZeroDigits);
        var digits = all[firstNonZero..].TrimEnd('0');
        // The first significant digit sits at intPart.Length - 1 - firstNonZero places above the units.
        exponent += intPart.Length - 1 - firstNonZero;
        return (digits, exponent);
    }
}
