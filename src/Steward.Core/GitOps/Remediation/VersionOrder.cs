using System.Globalization;

namespace Steward.Core.GitOps.Remediation;

/// <summary>Orders model versions: dot-separated numeric parts numerically (1.10.0 after 1.9.2), a pre-release before its release.</summary>
public sealed class VersionOrder : IComparer<string>
{
    public static readonly VersionOrder Instance = new();

    public int Compare(string? x, string? y)
    {
        if (x == y) return 0;
        if (x is null) return -1;
        if (y is null) return 1;
        var (xCore, xPre) = Split(x.TrimStart('v'));
        var (yCore, yPre) = Split(y.TrimStart('v'));
        var xs = xCore.Split('.');
        var ys = yCore.Split('.');
        for (var i = 0; i < Math.Max(xs.Length, ys.Length); i++)
        {
            var a = i < xs.Length ? xs[i] : "0";
            var b = i < ys.Length ? ys[i] : "0";
            var c = long.TryParse(a, NumberStyles.None, CultureInfo.InvariantCulture, out var na) && long.TryParse(b, NumberStyles.None, CultureInfo.InvariantCulture, out var nb)
                ? na.CompareTo(nb)
                : string.CompareOrdinal(a, b);
            if (c != 0) return c;
        }
        if (xPre is null) return yPre is null ? 0 : 1;
        if (yPre is null) return -1;
        return string.CompareOrdinal(xPre, yPre);
    }

    private static (string Core, string? Pre) Split(string version)
    {
        var plus = version.IndexOf('+', StringComparison.Ordinal);
        if (plus >= 0) version = version[..plus];
        var dash = version.IndexOf('-', StringComparison.Ordinal);
        return dash >= 0 ? (version[..dash], version[(dash + 1)..]) : (version, null);
    }
}
