using System.Numerics;
using Steward.Rego.Values;
using static Steward.Rego.Builtins.Arg;

namespace Steward.Rego.Builtins;

/// <summary>semver.is_valid and semver.compare (SemVer 2.0.0 precedence).</summary>
internal static class Semver
{
    private static readonly System.Text.RegularExpressions.Regex Pattern = new(
        @"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$",
        System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    public static void Register(Registrar r)
    {
        r.Add("semver.is_valid", a => B(a[0] is RegoString s && Pattern.IsMatch(s.Value)), 1);
        r.Add("semver.compare", a =>
        {
            var x = Parse("semver.compare", Str("semver.compare", a, 0));
            var y = Parse("semver.compare", Str("semver.compare", a, 1));
            return N(Compare(x, y));
        }, 2);
    }

    private static System.Text.RegularExpressions.Match Parse(string fn, string s)
    {
        var m = Pattern.Match(s);
        if (!m.Success) throw Error(fn, $"string {RegoJson.Serialize(new RegoString(s))} is not a valid SemVer");
        return m;
    }

    private static int Compare(System.Text.RegularExpressions.Match x, System.Text.RegularExpressions.Match y)
    {
        for (var i = 1; i <= 3; i++)
        {
            var c = BigInteger.Parse(x.Groups[i].Value, System.Globalization.CultureInfo.InvariantCulture).CompareTo(BigInteger.Parse(y.Groups[i].Value, System.Globalization.CultureInfo.InvariantCulture));
            if (c != 0) return Math.Sign(c);
        }
        var px = x.Groups[4].Success ? x.Groups[4].Value : null;
        var py = y.Groups[4].Success ? y.Groups[4].Value : null;
        if (px is null && py is null) return 0;
        if (px is null) return 1;
        if (py is null) return -1;
        var ax = px.Split('.');
        var ay = py.Split('.');
        for (var i = 0; i < Math.Min(ax.Length, ay.Length); i++)
        {
            var nx = BigInteger.TryParse(ax[i], out var ix) && ax[i].All(char.IsDigit);
            var ny = BigInteger.TryParse(ay[i], out var iy) && ay[i].All(char.IsDigit);
            int c;
            if (nx && ny) c = ix.CompareTo(iy);
            else if (nx) c = -1;
            else if (ny) c = 1;
            else c = string.CompareOrdinal(ax[i], ay[i]);
            if (c != 0) return Math.Sign(c);
        }
        return Math.Sign(ax.Length.CompareTo(ay.Length));
    }
}
