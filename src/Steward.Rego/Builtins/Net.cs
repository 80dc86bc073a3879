using System.Net;
using System.Net.Sockets;
using System.Numerics;
using Steward.Rego.Values;
using static Steward.Rego.Builtins.Arg;

namespace Steward.Rego.Builtins;

/// <summary>net.cidr_* over IPv4 and IPv6 prefixes.</summary>
internal static class Net
{
    private readonly record struct Cidr(BigInteger Start, BigInteger End, int Prefix, int Bits)
    {
        public bool Contains(Cidr o) => o.Bits == Bits && o.Start >= Start && o.End <= End;
    }

    public static void Register(Registrar r)
    {
        r.Add("net.cidr_contains", a =>
        {
            var c = ParseCidr("net.cidr_contains", Str("net.cidr_contains", a, 0));
            var s = Str("net.cidr_contains", a, 1);
            var inner = TryParseIp(s) is { } ip ? ip : ParseCidr("net.cidr_contains", s);
            return B(c.Contains(inner));
        }, 2);
        r.Add("net.cidr_intersects", a =>
        {
            var x = ParseCidr("net.cidr_intersects", Str("net.cidr_intersects", a, 0));
            var y = ParseCidr("net.cidr_intersects", Str("net.cidr_intersects", a, 1));
            return B(x.Bits == y.Bits && x.Start <= y.End && y.Start <= x.End);
        }, 2);
        r.Add("net.cidr_overlap", a => B(ParseCidr("net.cidr_overlap", Str("net.cidr_overlap", a, 0)).Contains(ParseCidr("net.cidr_overlap", Str("net.cidr_overlap", a, 1)))), 2);
        r.Add("net.cidr_is_valid", a => B(a[0] is RegoString s && TryParseCidr(s.Value, out _)), 1);
        r.Add("net.cidr_expand", 1, (ctx, a) =>
        {
            var c = ParseCidr("net.cidr_expand", Str("net.cidr_expand", a, 0));
            ctx.CheckSize("net.cidr_expand", (long)BigInteger.Min(c.End - c.Start + 1, long.MaxValue));
            var items = new List<RegoValue>();
            for (var i = c.Start; i <= c.End; i++) items.Add(S(FormatIp(i, c.Bits)));
            return new RegoSet(items);
        });
        r.Add("net.cidr_contains_matches", a =>
        {
            var result = new List<RegoValue>();
            foreach (var (ck, cv) in Items("net.cidr_contains_matches", a, 0))
            {
                var c = ParseCidr("net.cidr_contains_matches", Text(cv, "net.cidr_contains_matches", 0));
                foreach (var (ik, iv) in Items("net.cidr_contains_matches", a, 1))
                {
                    var s = Text(iv, "net.cidr_contains_matches", 1);
                    var inner = TryParseIp(s) is { } ip ? ip : ParseCidr("net.cidr_contains_matches", s);
                    if (c.Contains(inner)) result.Add(new RegoArray([ck, ik]));
                }
            }
            return new RegoSet(result);
        }, 2);
        r.Add("net.cidr_merge", a =>
        {
            var cidrs = Arg.Elements("net.cidr_merge", a, 0).Select(v =>
            {
                var s = v is RegoString vs ? vs.Value : throw TypeError("net.cidr_merge", 0, "array or set of strings", v);
                if (TryParseIp(s) is { } ip)
                {
                    // Go's net.IP.DefaultMask: a bare IPv4 address takes its classful mask.
                    if (ip.Bits == 128) throw Error("net.cidr_merge", "IPv6 invalid: needs prefix length");
                    var first = (int)(ip.Start >> 24);
                    var prefix = first < 128 ? 8 : first < 192 ? 16 : 24;
                    return ParseCidr("net.cidr_merge", s + "/" + prefix.ToString(System.Globalization.CultureInfo.InvariantCulture));
                }
                return ParseCidr("net.cidr_merge", s);
            }).ToList();
            var merged = new List<RegoValue>();
            foreach (var bits in new[] { 32, 128 })
            {
                var ranges = cidrs.Where(c => c.Bits == bits).Select(c => (c.Start, c.End)).OrderBy(x => x.Start).ToList();
                var joined = new List<(BigInteger Start, BigInteger End)>();
                foreach (var rg in ranges)
                {
                    if (joined.Count > 0 && rg.Start <= joined[^1].End + 1) joined[^1] = (joined[^1].Start, BigInteger.Max(joined[^1].End, rg.End));
                    else joined.Add(rg);
                }
                foreach (var (s, e) in joined) merged.AddRange(RangeToCidrs(s, e, bits).Select(S));
            }
            return new RegoSet(merged);
        }, 1);
    }

    private static IEnumerable<string> RangeToCidrs(BigInteger start, BigInteger end, int bits)
    {
        while (start <= end)
        {
            var size = 0;
            while (size < bits)
            {
                var block = BigInteger.One << (size + 1);
                if (start % block != 0 || start + block - 1 > end) break;
                size++;
            }
            yield return FormatIp(start, bits) + "/" + (bits - size).ToString(System.Globalization.CultureInfo.InvariantCulture);
            start += BigInteger.One << size;
        }
    }

    private static IEnumerable<(RegoValue Key, RegoValue Value)> Items(string fn, RegoValue[] a, int i) => a[i] switch
    {
        RegoString s => [(s, s)],
        RegoArray arr => arr.Items.Select((v, idx) => ((RegoValue)RegoNumber.FromInteger(idx), v is RegoArray inner && inner.Count > 0 ? inner[0] : v)),
        RegoSet set => set.Items.Select(v => (v, v is RegoArray inner && inner.Count > 0 ? inner[0] : v)),
        RegoObject o => o.Items.Select(kv => (kv.Key, kv.Value is RegoArray inner && inner.Count > 0 ? inner[0] : kv.Value)),
        _ => throw TypeError(fn, i, "one of {string, array, set, object}", a[i]),
    };

    private static string Text(RegoValue v, string fn, int i) => v is RegoString s ? s.Value : throw Error(fn, $"operand {i + 1}: element must be string or non-empty array");

    private static Cidr? TryParseIp(string s)
    {
        if (!IPAddress.TryParse(s, out var ip) || s.Contains('/', StringComparison.Ordinal)) return null;
        var bits = ip.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        var n = new BigInteger(ip.GetAddressBytes(), isUnsigned: true, isBigEndian: true);
        return new Cidr(n, n, bits, bits);
    }

    private static bool TryParseCidr(string s, out Cidr c)
    {
        c = default;
        var slash = s.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0) return false;
        if (!IPAddress.TryParse(s[..slash], out var ip)) return false;
        if (!int.TryParse(s[(slash + 1)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var prefix)) return false;
        var bits = ip.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        if (prefix > bits) return false;
        var n = new BigInteger(ip.GetAddressBytes(), isUnsigned: true, isBigEndian: true);
        var hostBits = bits - prefix;
        var mask = (BigInteger.One << hostBits) - 1;
        var start = n & ~mask & ((BigInteger.One << bits) - 1);
        c = new Cidr(start, start | mask, prefix, bits);
        return true;
    }

    private static Cidr ParseCidr(string fn, string s)
        => TryParseCidr(s, out var c) ? c : throw Error(fn, $"invalid CIDR address: {s}");

    private static string FormatIp(BigInteger n, int bits)
    {
        var bytes = n.ToByteArray(isUnsigned: true, isBigEndian: true);
        var len = bits / 8;
        var full = new byte[len];
        Array.Copy(bytes, 0, full, len - bytes.Length, bytes.Length);
        return new IPAddress(full).ToString();
    }
}
