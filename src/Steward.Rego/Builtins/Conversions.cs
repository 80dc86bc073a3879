using System.Globalization;
using Steward.Rego.Values;
using static Steward.Rego.Builtins.Arg;

namespace Steward.Rego.Builtins;

/// <summary>to_number and the deprecated cast_* builtins.</summary>
internal static class Conversions
{
    public static void Register(Registrar r)
    {
        r.Add("to_number", a => a[0] switch
        {
            RegoNumber n => n,
            RegoNull => RegoNumber.Zero,
            RegoBool b => b.Value ? RegoNumber.One : RegoNumber.Zero,
            RegoString s => ParseNumber(s.Value),
            _ => throw TypeError("to_number", 0, "one of {null, boolean, number, string}", a[0]),
        }, 1);
        r.Add("cast_array", a => a[0] switch
        {
            RegoArray arr => arr,
            RegoSet s => new RegoArray(s.Items),
            _ => throw TypeError("cast_array", 0, "one of {array, set}", a[0]),
        }, 1);
        r.Add("cast_set", a => a[0] switch
        {
            RegoArray arr => new RegoSet(arr.Items),
            RegoSet s => s,
            _ => throw TypeError("cast_set", 0, "one of {array, set}", a[0]),
        }, 1);
        r.Add("cast_string", a => a[0] is RegoString s ? s : throw TypeError("cast_string", 0, "string", a[0]), 1);
        r.Add("cast_boolean", a => a[0] is RegoBool b ? b : throw TypeError("cast_boolean", 0, "boolean", a[0]), 1);
        r.Add("cast_null", a => a[0] is RegoNull n ? n : throw TypeError("cast_null", 0, "null", a[0]), 1);
        r.Add("cast_object", a => a[0] is RegoObject o ? o : throw TypeError("cast_object", 0, "object", a[0]), 1);
    }

    private static RegoValue ParseNumber(string s)
    {
        var t = s.Trim();
        var bare = t.TrimStart('+', '-').ToLowerInvariant();
        if (bare is "inf" or "infinity" or "nan")
            throw new RegoException(RegoErrorCodes.EvalType, "to_number: operand 1 must be a finite number");
        if (t.Length == 0 || t != s || t.StartsWith('+') || t.Contains('_', StringComparison.Ordinal)
            || t.StartsWith("0x", StringComparison.OrdinalIgnoreCase) || t.Equals("Inf", StringComparison.OrdinalIgnoreCase)
            || t.Equals("NaN", StringComparison.OrdinalIgnoreCase) || t.Contains("Inf", StringComparison.OrdinalIgnoreCase))
            throw new RegoException(RegoErrorCodes.Builtin, $"to_number: strconv.ParseFloat: parsing {RegoJson.Serialize(new RegoString(s))}: invalid syntax");
        if (!double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            throw new RegoException(RegoErrorCodes.Builtin, $"to_number: strconv.ParseFloat: parsing {RegoJson.Serialize(new RegoString(s))}: invalid syntax");
        return RegoNumber.Parse(t);
    }
}
