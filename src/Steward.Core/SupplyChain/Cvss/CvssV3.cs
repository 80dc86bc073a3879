namespace Steward.Core.SupplyChain.Cvss;

/// <summary>The qualitative rating of a CVSS score (CVSS v3.1 specification, section 5).</summary>
public enum CvssSeverity
{
    None,
    Low,
    Medium,
    High,
    Critical,
}

/// <summary>
/// A CVSS v3.0 / v3.1 base vector and its base score, computed with the formulas of the CVSS
/// v3.1 specification, section 7.1 and Appendix A (Roundup) — never copied from the advisory,
/// so that a wrong or stale score in a feed cannot lower a verdict.
/// </summary>
public sealed record CvssV3(string Vector, double BaseScore)
{
    private static readonly string[] BaseMetrics = ["AV", "AC", "PR", "UI", "S", "C", "I", "A"];

    // Temporal and environmental metrics may follow the base metrics; they do not change the base score.
    private static readonly HashSet<string> OtherMetrics = new(StringComparer.Ordinal)
    {
        "E", "RL", "RC", "CR", "IR", "AR", "MAV", "MAC", "MPR", "MUI", "MS", "MC", "MI", "MA",
    };

    public CvssSeverity Severity => Rate(BaseScore);

    /// <summary>Parses "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H" (or CVSS:3.0) and computes the base score.</summary>
    /// <exception cref="FormatException">The vector is not a CVSS v3 vector with all eight base metrics.</exception>
    public static CvssV3 Parse(string vector)
    {
        var parts = vector.Trim().Split('/');
        if (parts[0] is not ("CVSS:3.1" or "CVSS:3.0"))
            throw new FormatException($"'{vector}' is not a CVSS v3 vector (it must start with CVSS:3.0/ or CVSS:3.1/).");

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in parts.Skip(1))
        {
            var colon = part.IndexOf(':');
            if (colon <= 0) throw new FormatException($"'{vector}': '{part}' is not METRIC:VALUE.");
            var metric = part[..colon];
            if (!BaseMetrics.Contains(metric) && !OtherMetrics.Contains(metric))
                throw new FormatException($"'{vector}': unknown metric '{metric}'.");
            if (!values.TryAdd(metric, part[(colon + 1)..]))
                throw new FormatException($"'{vector}': metric '{metric}' appears twice.");
        }
        foreach (var metric in BaseMetrics)
            if (!values.ContainsKey(metric))
                throw new FormatException($"'{vector}': base metric '{metric}' is missing.");

        return new CvssV3(vector.Trim(), ComputeBaseScore(values, vector));
    }

    /// <summary>Like <see cref="Parse"/>, without throwing.</summary>
    public static bool TryParse(string vector, out CvssV3? cvss)
    {
        try
        {
            cvss = Parse(vector);
            return true;
        }
        catch (FormatException)
        {
            cvss = null;
            return false;
        }
    }

    private static double ComputeBaseScore(Dictionary<string, string> m, string vector)
    {
        var changed = Value(m, "S", vector, ("U", 0), ("C", 1)) == 1;
        var av = Value(m, "AV", vector, ("N", 0.85), ("A", 0.62), ("L", 0.55), ("P", 0.2));
        var ac = Value(m, "AC", vector, ("L", 0.77), ("H", 0.44));
        // Privileges Required weighs more when the scope changes (section 7.4).
        var pr = changed
            ? Value(m, "PR", vector, ("N", 0.85), ("L", 0.68), ("H", 0.5))
            : Value(m, "PR", vector, ("N", 0.85), ("L", 0.62), ("H", 0.27));
        var ui = Value(m, "UI", vector, ("N", 0.85), ("R", 0.62));
        var c = Value(m, "C", vector, ("H", 0.56), ("L", 0.22), ("N", 0));
        var i = Value(m, "I", vector, ("H", 0.56), ("L", 0.22), ("N", 0));
        var a = Value(m, "A", vector, ("H", 0.56), ("L", 0.22), ("N", 0));

        var iss = 1 - ((1 - c) * (1 - i) * (1 - a));
        var impact = changed
            ? (7.52 * (iss - 0.029)) - (3.25 * Math.Pow(iss - 0.02, 15))
            : 6.42 * iss;
        var exploitability = 8.22 * av * ac * pr * ui;
        if (impact <= 0) return 0;
        return changed
            ? Roundup(Math.Min(1.08 * (impact + exploitability), 10))
            : Roundup(Math.Min(impact + exploitability, 10));
    }

    private static double Value(Dictionary<string, string> m, string metric, string vector, params (string Key, double Weight)[] weights)
    {
        var value = m[metric];
        foreach (var (key, weight) in weights)
            if (key == value) return weight;
        throw new FormatException($"'{vector}': '{value}' is not a value of metric '{metric}'.");
    }

    /// <summary>
    /// CVSS v3.1 Appendix A: the smallest number with one decimal that is equal to or higher than
    /// the input, computed on integers so that 4.000000000000001 (a floating-point artefact of
    /// 4.0) rounds to 4.0 rather than 4.1.
    /// </summary>
    public static double Roundup(double input)
    {
        var intInput = (long)Math.Round(input * 100000, MidpointRounding.AwayFromZero);
        return intInput % 10000 == 0 ? intInput / 100000.0 : (Math.Floor(intInput / 10000.0) + 1) / 10.0;
    }

    /// <summary>Section 5: None 0.0, Low 0.1-3.9, Medium 4.0-6.9, High 7.0-8.9, Critical 9.0-10.0.</summary>
    public static CvssSeverity Rate(double score) => score switch
    {
        0 => CvssSeverity.None,
        < 4.0 => CvssSeverity.Low,
        < 7.0 => CvssSeverity.Medium,
        < 9.0 => CvssSeverity.High,
        _ => CvssSeverity.Critical,
    };
}
