using System.Globalization;
using System.Numerics;
using Steward.Rego.Values;
using static Steward.Rego.Builtins.Arg;

namespace Steward.Rego.Builtins;

/// <summary>units.parse (SI and binary suffixes) and units.parse_bytes.</summary>
internal static class Units
{
    private static readonly Dictionary<string, decimal> Si = new(StringComparer.Ordinal)
    {
        [""] = 1m, ["m"] = 0.001m, ["k"] = 1e3m, ["K"] = 1e3m, ["M"] = 1e6m, ["G"] = 1e9m, ["T"] = 1e12m, ["P"] = 1e15m, ["E"] = 1e18m,
        ["ki"] = 1024m, ["Ki"] = 1024m, ["Mi"] = 1048576m, ["Gi"] = 1073741824m, ["Ti"] = 1099511627776m, ["Pi"] = 1125899906842624m, ["Ei"] = 1152921504606846976m,
    };

    private static readonly Dictionary<string, decimal> Bytes = new(StringComparer.Ordinal)
    {
        [""] = 1m, ["b"] = 1m, ["k"] = 1e3m, ["kb"] = 1e3m, ["m"] = 1e6m, ["mb"] = 1e6m, ["g"] = 1e9m, ["gb"] = 1e9m, ["t"] = 1e12m, ["tb"] = 1e12m,
        ["p"] = 1e15m, ["pb"] = 1e15m, ["e"] = 1e18m, ["eb"] = 1e18m,
        ["ki"] = 1024m, ["kib"] = 1024m, ["mi"] = 1048576m, ["mib"] = 1048576m, ["gi"] = 1073741824m, ["gib"] = 1073741824m,
        ["ti"] = 1099511627776m, ["tib"] = 1099511627776m, ["pi"] = 1125899906842624m, ["pib"] = 1125899906842624m,
        ["ei"] = 1152921504606846976m, ["eib"] = 1152921504606846976m,
    };

    public static void Register(Registrar r)
    {
        r.Add("units.parse", a =>
        {
            var (num, unit) = Split("units.parse", Str("units.parse", a, 0));
            var key = unit.Length == 1 && unit != "m" && unit != "k" ? unit.ToUpperInvariant() : unit;
            if (unit.Length == 2 && unit[1] is 'i' or 'I') key = char.ToUpperInvariant(unit[0]) + "i";
            if (!Si.TryGetValue(key, out var mult) && !Si.TryGetValue(unit, out mult)) throw Error("units.parse", "unit not recognized");
            return Multiply(num, mult);
        }, 1);
        r.Add("units.parse_bytes", a =>
        {
            var (num, unit) = Split("units.parse_bytes", Str("units.parse_bytes", a, 0));
            if (!Bytes.TryGetValue(unit.ToLowerInvariant(), out var mult)) throw Error("units.parse_bytes", "byte unit not recognized");
            var v = Multiply(num, mult);
            return RegoNumber.FromInteger(v.AsBigInteger);
        }, 1);
    }

    private static RegoNumber Multiply(string num, decimal mult)
    {
        var n = RegoNumber.Parse(num);
        return RegoNumber.Multiply(n, RegoNumber.FromDecimal(mult));
    }

    private static (string Num, string Unit) Split(string fn, string s)
    {
        s = s.Replace("\"", "", StringComparison.Ordinal);
        if (s.Contains(' ', StringComparison.Ordinal)) throw Error(fn, "spaces not allowed in resource strings");
        var i = 0;
        if (i < s.Length && s[i] is '-' or '+') i++;
        var digitsStart = i;
        while (i < s.Length && (char.IsDigit(s[i]) || s[i] == '.')) i++;
        if (i == digitsStart) throw Error(fn, "no amount provided");
        // Scientific notation: 1e3, 2.5E-2 (an exponent needs digits after it, so "1E" stays exa).
        if (i < s.Length && s[i] is 'e' or 'E')
        {
            var j = i + 1;
            if (j < s.Length && s[j] is '+' or '-') j++;
            if (j < s.Length && char.IsDigit(s[j]))
            {
                while (j < s.Length && char.IsDigit(s[j])) j++;
                i = j;
            }
        }
        var num = s[..i];
        if (num.StartsWith('.')) num = "0" + num;
        if (num.EndsWith('.')) num += "0";
        if (!double.TryParse(num, NumberStyles.Float, CultureInfo.InvariantCulture, out _)) throw Error(fn, "could not parse amount to a number");
        return (num, s[i..]);
    }

    internal static BigInteger Trunc(RegoNumber n) => n.AsBigInteger;
}
