namespace Steward.Core.Alignment.Drift;

/// <summary>The drift statistic applied to a column.</summary>
public enum DriftMethod
{
    /// <summary>Evidently's default choice per column (see <see cref="DriftMethods.Choose"/>).</summary>
    Auto,
    KolmogorovSmirnov,
    Wasserstein,
    Psi,
    JensenShannon,
    Hellinger,
    ChiSquare,
    ZTest,
}

/// <summary>Names, default thresholds and the automatic choice of drift methods.</summary>
public static class DriftMethods
{
    /// <summary>Evidently: up to this many reference values, hypothesis tests; above it, distances.</summary>
    public const long SmallReferenceRows = 1000;

    /// <summary>Evidently: numeric columns with at most this many distinct values are tested as categories.</summary>
    public const long FewDistinctValues = 5;

    /// <summary>The command-line spelling of each method.</summary>
    public static string Name(DriftMethod method) => method switch
    {
        DriftMethod.Auto => "auto",
        DriftMethod.KolmogorovSmirnov => "ks",
        DriftMethod.Wasserstein => "wasserstein",
        DriftMethod.Psi => "psi",
        DriftMethod.JensenShannon => "jensenshannon",
        DriftMethod.Hellinger => "hellinger",
        DriftMethod.ChiSquare => "chisquare",
        DriftMethod.ZTest => "ztest",
        _ => throw new ArgumentOutOfRangeException(nameof(method)),
    };

    public static IReadOnlyList<string> AllNames { get; } = Enum.GetValues<DriftMethod>().Select(Name).ToArray();

    public static DriftMethod Parse(string name)
    {
        var key = name.Trim().ToLowerInvariant();
        foreach (var method in Enum.GetValues<DriftMethod>())
            if (Name(method) == key) return method;
        throw new StewardInputException($"unknown drift method '{name}' (use one of: {string.Join(", ", AllNames)})");
    }

    /// <summary>True when the method yields a p-value (drift when p is below the threshold); false for distances.</summary>
    public static bool HasPValue(DriftMethod method) =>
        method is DriftMethod.KolmogorovSmirnov or DriftMethod.ChiSquare or DriftMethod.ZTest;

    /// <summary>Evidently's default thresholds: 0.05 for p-values, 0.1 for distances.</summary>
    public static double DefaultThreshold(DriftMethod method) => HasPValue(method) ? 0.05 : 0.1;

    /// <summary>
    /// Evidently's automatic choice. Reference with at most 1,000 values: numeric columns with more than
    /// 5 distinct values (over both samples) → KS; otherwise (and for categorical columns) chi-square when
    /// there are more than 2 distinct values, the Z-test for 2 or fewer. Larger reference: numeric with more
    /// than 5 distinct values → normed Wasserstein; otherwise Jensen–Shannon.
    /// </summary>
    public static DriftMethod Choose(bool numeric, long referenceCount, long distinctValues)
    {
        if (referenceCount <= SmallReferenceRows)
        {
            if (numeric && distinctValues > FewDistinctValues) return DriftMethod.KolmogorovSmirnov;
            return distinctValues > 2 ? DriftMethod.ChiSquare : DriftMethod.ZTest;
        }
        if (numeric && distinctValues > FewDistinctValues) return DriftMethod.Wasserstein;
        return DriftMethod.JensenShannon;
    }
}
