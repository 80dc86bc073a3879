using System.Globalization;
using Steward.Rego.Values;

namespace Steward.Rego.Builtins;

/// <summary>uuid.parse: version, variant and, for time-based UUIDs, their fields (as Go's google/uuid reports them).</summary>
internal static class Uuid
{
    public static RegoValue? Parse(string s)
    {
        var t = s;
        if (t.StartsWith("urn:uuid:", StringComparison.OrdinalIgnoreCase)) t = t[9..];
        if (t.Length == 38 && t[0] == '{' && t[^1] == '}') t = t[1..^1];
        if (t.Length == 36)
        {
            if (t[8] != '-' || t[13] != '-' || t[18] != '-' || t[23] != '-') return null;
            t = t.Replace("-", "", StringComparison.Ordinal);
        }
        if (t.Length != 32 || !t.All(Uri.IsHexDigit)) return null;
        var b = Convert.FromHexString(t);
        var version = b[6] >> 4;
        var variant = (b[8] & 0xc0) switch
        {
            0x80 => "RFC4122",
            0xc0 when (b[8] & 0xe0) == 0xc0 => "Microsoft",
            0xe0 => "Future",
            _ => (b[8] & 0x80) == 0 ? "Reserved" : "RFC4122",
        };
        var fields = new List<KeyValuePair<string, RegoValue>>
        {
            new("version", RegoNumber.FromInteger(version)),
            new("variant", new RegoString(variant)),
        };
        if (version is 1 or 2)
        {
            long timeLow = (long)((uint)b[0] << 24 | (uint)b[1] << 16 | (uint)b[2] << 8 | b[3]);
            long timeMid = b[4] << 8 | b[5];
            long timeHi = (b[6] << 8 | b[7]) & 0xfff;
            var ts = timeLow | (timeMid << 32) | (timeHi << 48);
            var unixNs = (ts - 0x01B21DD213814000L) * 100;
            fields.Add(new("time", RegoNumber.FromInteger(unixNs)));
            fields.Add(new("clocksequence", RegoNumber.FromInteger((b[8] << 8 | b[9]) & 0x3fff)));
            fields.Add(new("nodeid", new RegoString(string.Join('-', b[10..16].Select(x => x.ToString("x2", CultureInfo.InvariantCulture))))));
            fields.Add(new("macvariables", new RegoString(((b[10] & 0x02) != 0 ? "local" : "global") + ":" + ((b[10] & 0x01) != 0 ? "multicast" : "unicast"))));
            if (version == 2)
            {
                fields.Add(new("domain", new RegoString(b[9] switch { 0 => "Person", 1 => "Group", 2 => "Org", _ => "Domain" + b[9].ToString(CultureInfo.InvariantCulture) })));
                fields.Add(new("id", RegoNumber.FromInteger(timeLow)));
            }
        }
        return RegoObject.FromStrings(fields);
    }
}
