using System.Globalization;
using System.Numerics;
using System.Text;
using Steward.Rego.Values;
using static Steward.Rego.Builtins.Arg;

namespace Steward.Rego.Builtins;

/// <summary>time.*: nanoseconds since the epoch as int64, Go layouts for formatting and parsing.</summary>
internal static class Time
{
    private static readonly DateTimeOffset Epoch = DateTimeOffset.UnixEpoch;
    private static readonly string[] Weekdays = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

    public static void Register(Registrar r)
    {
        r.Add("time.now_ns", 0, (ctx, _) => RegoNumber.FromInteger(ToNs(ctx.Now)));
        r.Add("test.sleep", a => { Str("test.sleep", a, 0); return RegoBool.True; }, 1);
        r.Add("time.parse_rfc3339_ns", a =>
        {
            var s = Str("time.parse_rfc3339_ns", a, 0);
            return RegoNumber.FromInteger(CheckRange("time.parse_rfc3339_ns", ParseRfc3339("time.parse_rfc3339_ns", s)));
        }, 1);
        r.Add("time.parse_ns", a =>
        {
            var layout = Str("time.parse_ns", a, 0);
            var value = Str("time.parse_ns", a, 1);
            return RegoNumber.FromInteger(CheckRange("time.parse_ns", GoLayout.Parse("time.parse_ns", layout, value)));
        }, 2);
        r.Add("time.parse_duration_ns", a => RegoNumber.FromInteger(ParseDuration(Str("time.parse_duration_ns", a, 0))), 1);
        r.Add("time.date", a =>
        {
            var t = Local("time.date", a[0]);
            return new RegoArray([N(t.Year), N(t.Month), N(t.Day)]);
        }, 1);
        r.Add("time.clock", a =>
        {
            var t = Local("time.clock", a[0]);
            return new RegoArray([N(t.Hour), N(t.Minute), N(t.Second)]);
        }, 1);
        r.Add("time.weekday", a => S(Weekdays[(int)Local("time.weekday", a[0]).DayOfWeek]), 1);
        r.Add("time.add_date", a =>
        {
            var ns = Ns("time.add_date", a, 0);
            var t = FromNs("time.add_date", ns);
            var y = Int("time.add_date", a, 1);
            var m = Int("time.add_date", a, 2);
            var d = Int("time.add_date", a, 3);
            try
            {
                // Go normalises overflowing months and days rather than clamping.
                var totalMonths = (t.Year + y) * 12L + (t.Month - 1) + m;
                var year = (int)Math.Floor(totalMonths / 12.0);
                var month = (int)(totalMonths - year * 12L) + 1;
                var baseDate = new DateTime(year, month, 1, 0, 0, 0, DateTimeKind.Utc).AddDays(t.Day - 1 + d) + t.TimeOfDay;
                var result = (new DateTimeOffset(baseDate, TimeSpan.Zero) - Epoch).Ticks * (BigInteger)100 + (ns % 100);
                return RegoNumber.FromInteger(CheckRange("time.add_date", result));
            }
            catch (ArgumentOutOfRangeException) { throw Error("time.add_date", "time outside of valid range"); }
        }, 4);
        r.Add("time.diff", a =>
        {
            // Go: t2 is read in t1's location (its zone rules, not just its offset), then the
            // earlier instant comes first.
            var (t1, zone1) = Zoned("time.diff", a[0]);
            var t2 = Local("time.diff", a[1]);
            t2 = zone1 is null ? t2.ToUniversalTime() : TimeZoneInfo.ConvertTime(t2, zone1);
            if (t1 > t2) (t1, t2) = (t2, t1);
            int y = t2.Year - t1.Year, mo = t2.Month - t1.Month, d = t2.Day - t1.Day;
            int h = t2.Hour - t1.Hour, mi = t2.Minute - t1.Minute, s = t2.Second - t1.Second;
            if (s < 0) { s += 60; mi--; }
            if (mi < 0) { mi += 60; h--; }
            if (h < 0) { h += 24; d--; }
            if (d < 0) { d += DateTime.DaysInMonth(t1.Year, t1.Month); mo--; }
            if (mo < 0) { mo += 12; y--; }
            return new RegoArray([N(y), N(mo), N(d), N(h), N(mi), N(s)]);
        }, 2);
        r.Add("time.format", a =>
        {
            var (t, layout) = (Local("time.format", a[0]), a[0] is RegoArray { Count: 3 } arr && arr[2] is RegoString l ? l.Value : "RFC3339Nano");
            var ns = a[0] is RegoArray arr2 ? (arr2[0] as RegoNumber)!.AsBigInteger : ((RegoNumber)a[0]).AsBigInteger;
            return S(GoLayout.Format(t, (int)(((ns % 1_000_000_000) + 1_000_000_000) % 1_000_000_000), layout));
        }, 1);
    }

    public static BigInteger ToNs(DateTimeOffset t) => (t - Epoch).Ticks * (BigInteger)100;

    private static BigInteger CheckRange(string fn, BigInteger ns)
    {
        if (ns < long.MinValue || ns > long.MaxValue) throw Error(fn, "time outside of valid range");
        return ns;
    }

    private static BigInteger Ns(string fn, RegoValue[] a, int i)
    {
        var n = Num(fn, a, i);
        var v = n.AsBigInteger;
        if (v < long.MinValue || v > long.MaxValue) throw Error(fn, "timestamp too big");
        return v;
    }

    private static DateTimeOffset FromNs(string fn, BigInteger ns)
    {
        if (ns < long.MinValue || ns > long.MaxValue) throw Error(fn, "timestamp too big");
        var ticks = BigInteger.Divide(ns, 100);
        if (ns < 0 && ns % 100 != 0) ticks -= 1;
        return Epoch.AddTicks((long)ticks);
    }

    private static DateTimeOffset Local(string fn, RegoValue v) => Zoned(fn, v).Time;

    /// <summary>The instant in its time zone (null: UTC), as OPA's tzTime.</summary>
    private static (DateTimeOffset Time, TimeZoneInfo? Zone) Zoned(string fn, RegoValue v)
    {
        BigInteger ns;
        string? tz = null;
        switch (v)
        {
            case RegoNumber n: ns = n.AsBigInteger; break;
            case RegoArray { Count: >= 1 } arr when arr[0] is RegoNumber n2:
                ns = n2.AsBigInteger;
                if (arr.Count >= 2) tz = arr[1] is RegoString s ? s.Value : throw TypeError(fn, 0, "string timezone", arr[1]);
                break;
            default: throw TypeError(fn, 0, "one of {number, array}", v);
        }
        var t = FromNs(fn, ns);
        if (string.IsNullOrEmpty(tz) || tz == "UTC") return (t, null);
        if (tz == "Local") return (t.ToLocalTime(), TimeZoneInfo.Local);
        try
        {
            var zone = TimeZoneInfo.FindSystemTimeZoneById(tz);
            return (TimeZoneInfo.ConvertTime(t, zone), zone);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw Error(fn, $"unknown time zone {tz}");
        }
    }

    private static BigInteger ParseRfc3339(string fn, string s)
    {
        var m = System.Text.RegularExpressions.Regex.Match(s, @"^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$");
        if (!m.Success) throw Error(fn, $"parsing time {RegoJson.Serialize(new RegoString(s))} as \"2006-01-02T15:04:05Z07:00\": cannot parse");
        int P(int g) => int.Parse(m.Groups[g].Value, CultureInfo.InvariantCulture);
        try
        {
            var dt = new DateTime(P(1), P(2), P(3), P(4), P(5), P(6), DateTimeKind.Utc);
            var frac = m.Groups[7].Success ? m.Groups[7].Value[1..] : "";
            var nanos = frac.Length == 0 ? 0 : long.Parse(frac.PadRight(9, '0')[..9], CultureInfo.InvariantCulture);
            var offset = TimeSpan.Zero;
            var z = m.Groups[8].Value;
            if (z is not ("Z" or "z"))
            {
                offset = new TimeSpan(int.Parse(z[1..3], CultureInfo.InvariantCulture), int.Parse(z[4..6], CultureInfo.InvariantCulture), 0);
                if (z[0] == '-') offset = -offset;
            }
            var secs = (BigInteger)(long)(dt - DateTime.UnixEpoch).TotalSeconds - (long)offset.TotalSeconds;
            return secs * 1_000_000_000 + nanos;
        }
        catch (ArgumentOutOfRangeException) { throw Error(fn, "invalid date"); }
    }

    private static BigInteger ParseDuration(string s)
    {
        const string fn = "time.parse_duration_ns";
        var m = System.Text.RegularExpressions.Regex.Match(s, @"^([+-]?)((?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|μs|ms|s|m|h))+$");
        if (!m.Success && s != "0") throw Error(fn, $"time: invalid duration {RegoJson.Serialize(new RegoString(s))}");
        if (s == "0") return 0;
        decimal total = 0;
        foreach (System.Text.RegularExpressions.Match part in System.Text.RegularExpressions.Regex.Matches(s, @"(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)"))
        {
            var v = decimal.Parse(part.Groups[1].Value, CultureInfo.InvariantCulture);
            total += v * part.Groups[2].Value switch
            {
                "ns" => 1m,
                "us" or "µs" or "μs" => 1e3m,
                "ms" => 1e6m,
                "s" => 1e9m,
                "m" => 60e9m,
                _ => 3600e9m,
            };
        }
        var ns = new BigInteger(decimal.Truncate(total));
        return m.Groups[1].Value == "-" ? -ns : ns;
    }
}

/// <summary>Go's reference-time layouts ("2006-01-02T15:04:05Z07:00") for format and parse.</summary>
internal static class GoLayout
{
    private static readonly Dictionary<string, string> Named = new(StringComparer.Ordinal)
    {
        ["ANSIC"] = "Mon Jan _2 15:04:05 2006",
        ["UnixDate"] = "Mon Jan _2 15:04:05 MST 2006",
        ["RubyDate"] = "Mon Jan 02 15:04:05 -0700 2006",
        ["RFC822"] = "02 Jan 06 15:04 MST",
        ["RFC822Z"] = "02 Jan 06 15:04 -0700",
        ["RFC850"] = "Monday, 02-Jan-06 15:04:05 MST",
        ["RFC1123"] = "Mon, 02 Jan 2006 15:04:05 MST",
        ["RFC1123Z"] = "Mon, 02 Jan 2006 15:04:05 -0700",
        ["RFC3339"] = "2006-01-02T15:04:05Z07:00",
        ["RFC3339Nano"] = "2006-01-02T15:04:05.999999999Z07:00",
        ["Kitchen"] = "3:04PM",
        ["Stamp"] = "Jan _2 15:04:05",
        ["DateTime"] = "2006-01-02 15:04:05",
        ["DateOnly"] = "2006-01-02",
        ["TimeOnly"] = "15:04:05",
    };

    private static readonly string[] Tokens =
    [
        "January", "Monday", "2006", "-07:00:00", "-0700", "-07:00", "-07", "Z07:00:00", "Z0700", "Z07:00", "Z07",
        "Jan", "Mon", "MST", "01", "02", "_2", "03", "04", "05", "06", "15", "PM", "pm", "1", "2", "3", "4", "5",
    ];

    public static string Format(DateTimeOffset t, int nanos, string layout)
    {
        if (Named.TryGetValue(layout, out var named)) layout = named;
        var sb = new StringBuilder();
        var i = 0;
        while (i < layout.Length)
        {
            if ((layout[i] == '.' || layout[i] == ',') && i + 1 < layout.Length && layout[i + 1] is '0' or '9')
            {
                var j = i + 1;
                while (j < layout.Length && layout[j] == layout[i + 1]) j++;
                var digits = j - i - 1;
                var frac = nanos.ToString("D9", CultureInfo.InvariantCulture)[..Math.Min(9, digits)];
                if (layout[i + 1] == '9')
                {
                    frac = frac.TrimEnd('0');
                    if (frac.Length > 0) sb.Append(layout[i]).Append(frac);
                }
                else sb.Append(layout[i]).Append(frac);
                i = j;
                continue;
            }
            var tok = Tokens.FirstOrDefault(k => string.CompareOrdinal(layout, i, k, 0, k.Length) == 0);
            if (tok is null) { sb.Append(layout[i++]); continue; }
            sb.Append(FormatToken(t, tok));
            i += tok.Length;
        }
        return sb.ToString();
    }

    private static string FormatToken(DateTimeOffset t, string tok)
    {
        var inv = CultureInfo.InvariantCulture;
        var off = t.Offset;
        string Off(bool colon, bool seconds, bool z)
        {
            if (z && off == TimeSpan.Zero) return "Z";
            var sign = off < TimeSpan.Zero ? "-" : "+";
            var a = off.Duration();
            var s = sign + a.Hours.ToString("D2", inv) + (colon ? ":" : "") + a.Minutes.ToString("D2", inv);
            if (seconds) s += (colon ? ":" : "") + a.Seconds.ToString("D2", inv);
            return s;
        }
        return tok switch
        {
            "January" => t.ToString("MMMM", inv),
            "Jan" => t.ToString("MMM", inv),
            "Monday" => t.DayOfWeek.ToString(),
            "Mon" => t.DayOfWeek.ToString()[..3],
            "2006" => t.Year.ToString("D4", inv),
            "06" => (t.Year % 100).ToString("D2", inv),
            "01" => t.Month.ToString("D2", inv),
            "1" => t.Month.ToString(inv),
            "02" => t.Day.ToString("D2", inv),
            "_2" => t.Day.ToString(inv).PadLeft(2),
            "2" => t.Day.ToString(inv),
            "15" => t.Hour.ToString("D2", inv),
            "03" => ((t.Hour + 11) % 12 + 1).ToString("D2", inv),
            "3" => ((t.Hour + 11) % 12 + 1).ToString(inv),
            "04" => t.Minute.ToString("D2", inv),
            "4" => t.Minute.ToString(inv),
            "05" => t.Second.ToString("D2", inv),
            "5" => t.Second.ToString(inv),
            "PM" => t.Hour >= 12 ? "PM" : "AM",
            "pm" => t.Hour >= 12 ? "pm" : "am",
            "MST" => off == TimeSpan.Zero ? "UTC" : Off(false, false, false),
            "-0700" => Off(false, false, false),
            "-07:00" => Off(true, false, false),
            "-07" => Off(false, false, false)[..3],
            "-07:00:00" => Off(true, true, false),
            "Z0700" => Off(false, false, true),
            "Z07:00" => Off(true, false, true),
            "Z07" => off == TimeSpan.Zero ? "Z" : Off(false, false, false)[..3],
            "Z07:00:00" => Off(true, true, true),
            _ => tok,
        };
    }

    /// <summary>Parses by turning the layout into a regular expression with named fields.</summary>
    public static BigInteger Parse(string fn, string layout, string value)
    {
        if (Named.TryGetValue(layout, out var named)) layout = named;
        var rx = new StringBuilder("^");
        var fields = new List<string>();
        var i = 0;
        while (i < layout.Length)
        {
            if ((layout[i] == '.' || layout[i] == ',') && i + 1 < layout.Length && layout[i + 1] is '0' or '9')
            {
                var j = i + 1;
                while (j < layout.Length && layout[j] == layout[i + 1]) j++;
                rx.Append(@"(?:[.,](?<frac>\d+))").Append(layout[i + 1] == '9' ? "?" : "");
                i = j;
                continue;
            }
            var tok = Tokens.FirstOrDefault(k => string.CompareOrdinal(layout, i, k, 0, k.Length) == 0);
            if (tok is null) { rx.Append(System.Text.RegularExpressions.Regex.Escape(layout[i].ToString())); i++; continue; }
            var (name, pattern) = tok switch
            {
                "January" => ("monthname", "[A-Za-z]+"),
                "Jan" => ("monthabbr", "[A-Za-z]{3}"),
                "Monday" or "Mon" => ("wd", "[A-Za-z]+"),
                "2006" => ("year", @"\d{4}"),
                "06" => ("year2", @"\d{2}"),
                "01" or "1" => ("month", @"\d{1,2}"),
                "02" or "_2" or "2" => ("day", @" ?\d{1,2}"),
                "15" => ("hour", @"\d{1,2}"),
                "03" or "3" => ("hour12", @"\d{1,2}"),
                "04" or "4" => ("minute", @"\d{1,2}"),
                "05" or "5" => ("second", @"\d{1,2}"),
                "PM" or "pm" => ("ampm", "[AaPp][Mm]"),
                "MST" => ("tzname", "[A-Z]{3,4}|[+-]\\d{4}"),
                _ => ("offset", @"Z|[+-]\d{2}(?::?\d{2}(?::?\d{2})?)?"),
            };
            rx.Append("(?<").Append(name).Append('>').Append(pattern).Append(')');
            fields.Add(name);
            i += tok.Length;
            // Go: when parsing, a fractional second may follow the seconds even if the layout has none.
            if (name == "second" && !(i + 1 < layout.Length && layout[i] is '.' or ',' && layout[i + 1] is '0' or '9'))
                rx.Append(@"(?:[.,](?<frac>\d+))?");
        }
        rx.Append('$');
        System.Text.RegularExpressions.Match m;
        try { m = System.Text.RegularExpressions.Regex.Match(value, rx.ToString()); }
        catch (ArgumentException) { throw Error(fn, "invalid layout"); }
        if (!m.Success) throw Error(fn, $"parsing time {RegoJson.Serialize(new RegoString(value))} as {RegoJson.Serialize(new RegoString(layout))}: cannot parse");
        int G(string n, int def) => m.Groups[n].Success ? int.Parse(m.Groups[n].Value.Trim(), CultureInfo.InvariantCulture) : def;
        var year = m.Groups["year"].Success ? G("year", 0) : m.Groups["year2"].Success ? 2000 + G("year2", 0) % 100 - (G("year2", 0) >= 69 ? 100 : 0) : 0;
        var month = G("month", 1);
        if (m.Groups["monthname"].Success || m.Groups["monthabbr"].Success)
        {
            var text = m.Groups["monthname"].Success ? m.Groups["monthname"].Value : m.Groups["monthabbr"].Value;
            month = Array.FindIndex(CultureInfo.InvariantCulture.DateTimeFormat.AbbreviatedMonthNames, n => n.Length > 0 && text.StartsWith(n, StringComparison.OrdinalIgnoreCase)) + 1;
            if (month <= 0) throw Error(fn, "bad month");
        }
        var hour = m.Groups["hour12"].Success ? G("hour12", 0) % 12 + (m.Groups["ampm"].Value.Equals("PM", StringComparison.OrdinalIgnoreCase) ? 12 : 0) : G("hour", 0);
        try
        {
            var dt = new DateTime(Math.Max(1, year), month, G("day", 1), hour, G("minute", 0), G("second", 0), DateTimeKind.Utc);
            var offset = TimeSpan.Zero;
            if (m.Groups["offset"].Success && m.Groups["offset"].Value != "Z")
            {
                var o = m.Groups["offset"].Value.Replace(":", "", StringComparison.Ordinal);
                offset = new TimeSpan(int.Parse(o[1..3], CultureInfo.InvariantCulture), o.Length >= 5 ? int.Parse(o[3..5], CultureInfo.InvariantCulture) : 0, 0);
                if (o[0] == '-') offset = -offset;
            }
            var frac = m.Groups["frac"].Success ? long.Parse(m.Groups["frac"].Value.PadRight(9, '0')[..9], CultureInfo.InvariantCulture) : 0;
            var secs = (BigInteger)(long)(dt - DateTime.UnixEpoch).TotalSeconds - (long)offset.TotalSeconds;
            return secs * 1_000_000_000 + frac;
        }
        catch (ArgumentOutOfRangeException) { throw Error(fn, "invalid date"); }
    }
}
