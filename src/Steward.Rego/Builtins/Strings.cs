using System.Globalization;
using System.Numerics;
using System.Text;
using Steward.Rego.Values;
using static Steward.Rego.Builtins.Arg;

namespace Steward.Rego.Builtins;

/// <summary>String builtins; indexes count Unicode code points as OPA does.</summary>
internal static class Strings
{
    public static void Register(Registrar r)
    {
        r.Add("concat", 2, (ctx, a) =>
        {
            var sep = Str("concat", a, 0);
            var parts = a[1] switch
            {
                RegoArray arr => arr.Items.AsEnumerable(),
                RegoSet s => s.Items,
                _ => throw TypeError("concat", 1, "one of {array, set}", a[1]),
            };
            var strings = parts.Select(p => p is RegoString ps ? ps.Value : throw TypeError("concat", 1, "array of strings", p)).ToList();
            // The result's length is known: refuse it before building it.
            long length = Math.Max(0, strings.Count - 1) * (long)sep.Length;
            foreach (var p in strings) length += p.Length;
            ctx.Meter.CheckString("concat", length);
            return S(string.Join(sep, strings));
        });
        r.Add("contains", a => B(Str("contains", a, 0).Contains(Str("contains", a, 1), StringComparison.Ordinal)), 2);
        r.Add("startswith", a => B(Str("startswith", a, 0).StartsWith(Str("startswith", a, 1), StringComparison.Ordinal)), 2);
        r.Add("endswith", a => B(Str("endswith", a, 0).EndsWith(Str("endswith", a, 1), StringComparison.Ordinal)), 2);
        r.Add("lower", a => S(Str("lower", a, 0).ToLowerInvariant()), 1);
        r.Add("upper", a => S(Str("upper", a, 0).ToUpperInvariant()), 1);
        r.Add("replace", 3, (ctx, a) =>
        {
            var s = Str("replace", a, 0);
            var old = Str("replace", a, 1);
            var nw = Str("replace", a, 2);
            if (old.Length == 0)
            {
                ctx.Meter.CheckString("replace", s.Length + (s.Length + 1L) * nw.Length);
                return S(InsertEverywhere(s, nw));
            }
            if (nw.Length > old.Length)
            {
                long count = 0;
                for (var i = s.IndexOf(old, StringComparison.Ordinal); i >= 0; i = s.IndexOf(old, i + old.Length, StringComparison.Ordinal)) count++;
                ctx.Meter.CheckString("replace", s.Length + count * (nw.Length - old.Length));
            }
            return S(s.Replace(old, nw, StringComparison.Ordinal));
        });
        r.Add("strings.replace_n", 2, (ctx, a) =>
        {
            var patterns = Obj("strings.replace_n", a, 0);
            var s = Str("strings.replace_n", a, 1);
            var pairs = patterns.Items.Select(kv => (kv.Key is RegoString k ? k.Value : throw TypeError("strings.replace_n", 0, "object[string: string]", kv.Key),
                kv.Value is RegoString v ? v.Value : throw TypeError("strings.replace_n", 0, "object[string: string]", kv.Value))).ToList();
            var sb = new StringBuilder();
            var i = 0;
            while (i < s.Length)
            {
                var matched = false;
                foreach (var (k, v) in pairs)
                {
                    if (k.Length > 0 && string.CompareOrdinal(s, i, k, 0, k.Length) == 0)
                    {
                        ctx.Meter.CheckString("strings.replace_n", (long)sb.Length + v.Length);
                        if ((sb.Length & 0xFFF) == 0) ctx.Meter.ThrowIfCancelled();
                        sb.Append(v);
                        i += k.Length;
                        matched = true;
                        break;
                    }
                }
                if (!matched) sb.Append(s[i++]);
            }
            return S(sb.ToString());
        });
        r.Add("split", a =>
        {
            var s = Str("split", a, 0);
            var d = Str("split", a, 1);
            if (d.Length == 0) return A(Runes(s).Select(S));
            return A(s.Split(d).Select(S));
        }, 2);
        r.Add("strings.reverse", a => S(string.Concat(Runes(Str("strings.reverse", a, 0)).AsEnumerable().Reverse())), 1);
        r.Add("strings.count", a =>
        {
            var s = Str("strings.count", a, 0);
            var sub = Str("strings.count", a, 1);
            if (sub.Length == 0) return N(Runes(s).Count + 1);
            var n = 0;
            for (var i = s.IndexOf(sub, StringComparison.Ordinal); i >= 0; i = s.IndexOf(sub, i + sub.Length, StringComparison.Ordinal)) n++;
            return N(n);
        }, 2);
        r.Add("indexof", a =>
        {
            var s = Str("indexof", a, 0);
            var sub = Str("indexof", a, 1);
            var idx = s.IndexOf(sub, StringComparison.Ordinal);
            return N(idx < 0 ? -1 : RuneIndex(s, idx));
        }, 2);
        r.Add("indexof_n", a =>
        {
            var s = Str("indexof_n", a, 0);
            var sub = Str("indexof_n", a, 1);
            var list = new List<RegoValue>();
            if (sub.Length == 0) return RegoArray.Empty;
            for (var i = s.IndexOf(sub, StringComparison.Ordinal); i >= 0; i = s.IndexOf(sub, i + 1, StringComparison.Ordinal)) list.Add(N(RuneIndex(s, i)));
            return A(list);
        }, 2);
        r.Add("substring", a =>
        {
            var runes = Runes(Str("substring", a, 0));
            var start = Int("substring", a, 1);
            var len = Int("substring", a, 2);
            if (start < 0) throw Error("substring", "negative offset");
            if (start >= runes.Count) return RegoString.Empty;
            var end = len < 0 ? runes.Count : Math.Min(runes.Count, start + len);
            return S(string.Concat(runes.Skip(start).Take(end - start)));
        }, 3);
        r.Add("trim", a => S(Str("trim", a, 0).Trim(Str("trim", a, 1).ToCharArray())), 2);
        r.Add("trim_left", a => S(Str("trim_left", a, 0).TrimStart(Str("trim_left", a, 1).ToCharArray())), 2);
        r.Add("trim_right", a => S(Str("trim_right", a, 0).TrimEnd(Str("trim_right", a, 1).ToCharArray())), 2);
        r.Add("trim_space", a => S(Str("trim_space", a, 0).Trim()), 1);
        r.Add("trim_prefix", a =>
        {
            var s = Str("trim_prefix", a, 0);
            var p = Str("trim_prefix", a, 1);
            return S(s.StartsWith(p, StringComparison.Ordinal) ? s[p.Length..] : s);
        }, 2);
        r.Add("trim_suffix", a =>
        {
            var s = Str("trim_suffix", a, 0);
            var p = Str("trim_suffix", a, 1);
            return S(s.EndsWith(p, StringComparison.Ordinal) ? s[..^p.Length] : s);
        }, 2);
        r.Add("strings.any_prefix_match", a => B(StrList("strings.any_prefix_match", a, 0).Any(s => StrList("strings.any_prefix_match", a, 1).Any(p => s.StartsWith(p, StringComparison.Ordinal)))), 2);
        r.Add("strings.any_suffix_match", a => B(StrList("strings.any_suffix_match", a, 0).Any(s => StrList("strings.any_suffix_match", a, 1).Any(p => s.EndsWith(p, StringComparison.Ordinal)))), 2);
        r.Add("format_int", a =>
        {
            var n = Num("format_int", a, 0);
            var b = Int("format_int", a, 1);
            if (b is not (2 or 8 or 10 or 16)) throw new RegoException(RegoErrorCodes.EvalType, "format_int: operand 2 must be one of {2, 8, 10, 16}");
            var v = n.IsInteger ? n.AsBigInteger : new BigInteger(Math.Floor(n.AsDouble));
            if (!n.IsInteger && n.TryGetDecimal(out var dd)) v = new BigInteger(decimal.Truncate(dd));
            return S(FormatBase(v, b));
        }, 2);
        r.Add("strings.render_template", a => S(GoTemplate.Render(Str("strings.render_template", a, 0), Obj("strings.render_template", a, 1))), 2);
        r.Add("sprintf", 2, (ctx, a) =>
        {
            var f = Str("sprintf", a, 0);
            var args = a[1] is RegoArray arr ? arr.Items : throw TypeError("sprintf", 1, "array", a[1]);
            return S(Sprintf.Format(f, args, ctx.Meter));
        });
    }

    private static string InsertEverywhere(string s, string ins)
    {
        var sb = new StringBuilder(ins);
        foreach (var r in Runes(s)) sb.Append(r).Append(ins);
        return sb.ToString();
    }

    private static IEnumerable<string> StrList(string fn, RegoValue[] a, int i) => a[i] switch
    {
        RegoString s => [s.Value],
        RegoArray arr => arr.Items.Select(x => x is RegoString xs ? xs.Value : throw new RegoException(RegoErrorCodes.EvalType, $"{fn}: operand {i + 1} must be array of strings but got array containing {x.TypeName}")),
        RegoSet set => set.Items.Select(x => x is RegoString xs ? xs.Value : throw new RegoException(RegoErrorCodes.EvalType, $"{fn}: operand {i + 1} must be set of strings but got set containing {x.TypeName}")),
        _ => throw TypeError(fn, i, "one of {string, set, array}", a[i]),
    };

    public static List<string> Runes(string s) => [.. s.EnumerateRunes().Select(r => r.ToString())];

    private static int RuneIndex(string s, int utf16Index) => s[..utf16Index].EnumerateRunes().Count();

    public static string FormatBase(BigInteger v, int b)
    {
        if (b == 10) return v.ToString(CultureInfo.InvariantCulture);
        var neg = v.Sign < 0;
        v = BigInteger.Abs(v);
        if (v.IsZero) return "0";
        var sb = new StringBuilder();
        while (!v.IsZero)
        {
            var d = (int)(v % b);
            sb.Insert(0, "0123456789abcdef"[d]);
            v /= b;
        }
        return (neg ? "-" : "") + sb;
    }
}

/// <summary>Go's fmt.Sprintf for the verbs Rego policies use.</summary>
internal static class Sprintf
{
    public static string Format(string f, IReadOnlyList<RegoValue> args, Evaluation.ResourceMeter? meter = null)
    {
        var sb = new StringBuilder();
        var ai = 0;
        for (var i = 0; i < f.Length; i++)
        {
            var c = f[i];
            if (c != '%') { sb.Append(c); continue; }
            i++;
            if (i >= f.Length) { sb.Append("%!(NOVERB)"); break; }
            if (f[i] == '%') { sb.Append('%'); continue; }
            var flags = "";
            while (i < f.Length && "+-# 0".Contains(f[i], StringComparison.Ordinal)) flags += f[i++];
            var width = "";
            while (i < f.Length && char.IsDigit(f[i])) width += f[i++];
            int? prec = null;
            if (i < f.Length && f[i] == '.')
            {
                i++;
                var p = "";
                while (i < f.Length && char.IsDigit(f[i])) p += f[i++];
                prec = p.Length == 0 ? 0 : Bounded(p, meter);
            }
            if (i >= f.Length) break;
            var verb = f[i];
            if (ai >= args.Count) { sb.Append("%!").Append(verb).Append("(MISSING)"); continue; }
            var arg = args[ai++];
            var text = FormatOne(verb, arg, prec, flags);
            if (width.Length > 0)
            {
                var w = Bounded(width, meter);
                if (text.Length < w)
                {
                    if (flags.Contains('-', StringComparison.Ordinal)) text = text.PadRight(w);
                    else if (flags.Contains('0', StringComparison.Ordinal) && arg is RegoNumber) text = text.StartsWith('-') ? "-" + text[1..].PadLeft(w - 1, '0') : text.PadLeft(w, '0');
                    else text = text.PadLeft(w);
                }
            }
            meter?.CheckString("sprintf", (long)sb.Length + text.Length);
            sb.Append(text);
        }
        if (ai < args.Count)
        {
            sb.Append("%!(EXTRA ");
            sb.Append(string.Join(", ", args.Skip(ai).Select(a => GoType(a) + "=" + FormatOne('v', a, null, ""))));
            sb.Append(')');
        }
        return sb.ToString();
    }

    /// <summary>A width or precision: refused before padding when the text it asks for is over the string limit.</summary>
    private static int Bounded(string digits, Evaluation.ResourceMeter? meter)
    {
        var value = digits.Length > 18 ? long.MaxValue : long.Parse(digits, CultureInfo.InvariantCulture);
        meter?.CheckString("sprintf", value);
        return (int)Math.Min(value, int.MaxValue / 2);
    }

    private static string GoType(RegoValue v) => v switch
    {
        RegoString => "string",
        RegoNumber => "json.Number",
        RegoBool => "bool",
        _ => "ast." + v.TypeName,
    };

    private static string FormatOne(char verb, RegoValue arg, int? prec, string flags)
    {
        switch (verb)
        {
            case 'v':
            case 's':
                if (arg is RegoString s) return prec is { } p ? s.Value[..Math.Min(p, s.Value.Length)] : s.Value;
                if (arg is RegoNumber n0) return n0.ToJsonText();
                return RegoJson.Format(arg);
            case 'q':
                return arg is RegoString qs ? RegoJson.Serialize(qs) : RegoJson.Format(arg);
            case 'd':
                if (arg is RegoNumber n && n.IsInteger) return (flags.Contains('+', StringComparison.Ordinal) && n.Sign >= 0 ? "+" : "") + n.ToJsonText();
                return "%!d(" + GoType(arg) + "=" + FormatOne('v', arg, null, "") + ")";
            case 'f':
            case 'F':
                if (arg is RegoNumber nf)
                {
                    if (nf.TryGetDecimal(out var dec)) return Math.Round(dec, prec ?? 6, MidpointRounding.ToEven).ToString("F" + (prec ?? 6), CultureInfo.InvariantCulture);
                    return nf.AsDouble.ToString("F" + (prec ?? 6), CultureInfo.InvariantCulture);
                }
                return "%!f(" + GoType(arg) + "=" + FormatOne('v', arg, null, "") + ")";
            case 'e':
                if (arg is RegoNumber ne) return GoExp(ne.AsDouble, prec ?? 6);
                break;
            case 'g':
                if (arg is RegoNumber ng) return ng.IsInteger ? ng.ToJsonText() : ng.AsDouble.ToString(prec is { } gp ? "G" + gp : "R", CultureInfo.InvariantCulture);
                break;
            case 'x':
            case 'X':
                if (arg is RegoNumber nx && nx.IsInteger)
                {
                    var hex = Strings.FormatBase(nx.AsBigInteger, 16);
                    return verb == 'X' ? hex.ToUpperInvariant() : hex;
                }
                if (arg is RegoString xs)
                {
                    var hex = Convert.ToHexString(System.Text.Encoding.UTF8.GetBytes(xs.Value));
                    return verb == 'x' ? hex.ToLowerInvariant() : hex;
                }
                break;
            case 'o':
                if (arg is RegoNumber no && no.IsInteger) return Strings.FormatBase(no.AsBigInteger, 8);
                break;
            case 'b':
                if (arg is RegoNumber nb && nb.IsInteger) return Strings.FormatBase(nb.AsBigInteger, 2);
                break;
            case 't':
                if (arg is RegoBool tb) return tb.Value ? "true" : "false";
                break;
        }
        return "%!" + verb + "(" + GoType(arg) + "=" + FormatOne('v', arg, null, "") + ")";
    }

    private static string GoExp(double d, int prec)
    {
        var s = d.ToString((prec == 0 ? "0" : "0." + new string('0', prec)) + "e+00", CultureInfo.InvariantCulture);
        return s;
    }
}
