namespace Steward.Core.Alignment.Canary;

/// <summary>
/// Kayenta's <c>IQRDetector</c>: values below Q1 − factor·IQR or above Q3 + factor·IQR are outliers
/// (Tukey's fences). With <c>reduceSensitivity</c>, as the judge uses it, the fences are widened to at
/// least the 1st and 99th percentiles, so that a small sample never loses its ordinary extremes.
/// </summary>
public sealed class IqrOutlierDetector
{
    private readonly double _factor;
    private readonly bool _reduceSensitivity;

    public IqrOutlierDetector(double factor = 1.5, bool reduceSensitivity = false)
    {
        if (!(factor > 0.0)) throw new ArgumentOutOfRangeException(nameof(factor), "factor must be greater than zero");
        _factor = factor;
        _reduceSensitivity = reduceSensitivity;
    }

    /// <summary>Per value, whether it is an outlier.</summary>
    public bool[] Detect(IReadOnlyList<double> data)
    {
        if (data.Count == 0) return [];
        var p75 = Percentiles.R7(data, 75);
        var p25 = Percentiles.R7(data, 25);
        var iqr = p75 - p25;
        var lowerFence = p25 - _factor * iqr;
        var upperFence = p75 + _factor * iqr;
        if (_reduceSensitivity)
        {
            lowerFence = Math.Min(Percentiles.R7(data, 1), lowerFence);
            upperFence = Math.Max(Percentiles.R7(data, 99), upperFence);
        }
        return data.Select(x => x > upperFence || x < lowerFence).ToArray();
    }

    /// <summary>The values that are not outliers, in order.</summary>
    public double[] Remove(IReadOnlyList<double> data)
    {
        var outliers = Detect(data);
        return data.Where((_, i) => !outliers[i]).ToArray();
    }
}
