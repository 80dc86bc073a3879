namespace Steward.Core.Alignment.Statistics;

/// <summary>
/// Equal-width bins over [min, max] exactly as <c>numpy.histogram(x, bins=k, range=(min, max))</c>:
/// edges are <c>numpy.linspace(min, max, k+1)</c>, bin i holds edge[i] &lt;= x &lt; edge[i+1], and the
/// last bin is closed. When min == max numpy widens the range to [min − 0.5, max + 0.5]; so do we.
/// </summary>
public sealed class Binning
{
    /// <summary>The bin count Steward uses for PSI, Jensen–Shannon and Hellinger on numeric columns.</summary>
    public const int DefaultBinCount = 10;

    /// <summary>What an empty bin's (or absent category's) proportion is replaced by before PSI and Jensen–Shannon.</summary>
    public const double EmptyProportion = 0.0001;

    private readonly double _first;
    private readonly double _last;
    private readonly double _norm;

    public Binning(double min, double max, int binCount = DefaultBinCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(binCount, 1);
        if (double.IsNaN(min) || double.IsNaN(max) || double.IsInfinity(min) || double.IsInfinity(max) || min > max)
            throw new ArgumentException($"Invalid histogram range [{min}, {max}].");
        if (min == max)
        {
            min -= 0.5;
            max += 0.5;
        }
        _first = min;
        _last = max;
        BinCount = binCount;
        // numpy.linspace: i·step + start, with the last edge set to stop exactly.
        var step = (max - min) / binCount;
        Edges = new double[binCount + 1];
        for (var i = 0; i <= binCount; i++) Edges[i] = i * step + min;
        Edges[binCount] = max;
        _norm = binCount / (max - min);
    }

    public int BinCount { get; }

    /// <summary>The k + 1 bin edges.</summary>
    public double[] Edges { get; }

    /// <summary>The bin of <paramref name="x"/>, or −1 when it lies outside [min, max].</summary>
    public int IndexOf(double x)
    {
        if (!(x >= _first && x <= _last)) return -1;
        // numpy's fast path for uniform bins, then its correction against the true edges.
        var index = (int)((x - _first) * _norm);
        if (index == BinCount) index--;
        if (x < Edges[index]) index--;
        if (index != BinCount - 1 && x >= Edges[index + 1]) index++;
        return index;
    }

    /// <summary>Counts of <paramref name="values"/> per bin.</summary>
    public long[] Count(IEnumerable<double> values)
    {
        var counts = new long[BinCount];
        foreach (var v in values)
        {
            var i = IndexOf(v);
            if (i >= 0) counts[i]++;
        }
        return counts;
    }

    /// <summary>Edges over the union of both samples' ranges (numpy.histogram_bin_edges of the concatenation).</summary>
    public static Binning Over(IEnumerable<double> reference, IEnumerable<double> current, int binCount = DefaultBinCount)
    {
        var min = double.PositiveInfinity;
        var max = double.NegativeInfinity;
        foreach (var v in reference.Concat(current))
        {
            if (v < min) min = v;
            if (v > max) max = v;
        }
        return new Binning(min, max, binCount);
    }
}

/// <summary>Two aligned distributions: the reference and current proportions per bin or category.</summary>
public sealed record BinnedDistributions(IReadOnlyList<string> Labels, double[] Reference, double[] Current)
{
    /// <summary>Proportions from counts, each divided by its own total.</summary>
    public static BinnedDistributions FromCounts(IReadOnlyList<string> labels, long[] reference, long[] current)
    {
        var totalReference = reference.Sum();
        var totalCurrent = current.Sum();
        return new BinnedDistributions(
            labels,
            reference.Select(c => (double)c / totalReference).ToArray(),
            current.Select(c => (double)c / totalCurrent).ToArray());
    }

    /// <summary>The same proportions with every zero replaced by <see cref="Binning.EmptyProportion"/> (as Evidently does before PSI and Jensen–Shannon).</summary>
    public BinnedDistributions WithEmptyFilled() => this with
    {
        Reference = Reference.Select(p => p == 0 ? Binning.EmptyProportion : p).ToArray(),
        Current = Current.Select(p => p == 0 ? Binning.EmptyProportion : p).ToArray(),
    };

    /// <summary>Numeric samples binned into equal-width bins over their joint range.</summary>
    public static BinnedDistributions FromNumeric(IReadOnlyCollection<double> reference, IReadOnlyCollection<double> current, int binCount = Binning.DefaultBinCount)
    {
        var binning = Binning.Over(reference, current, binCount);
        return FromCounts(BinLabels(binning), binning.Count(reference), binning.Count(current));
    }

    /// <summary>Categorical samples: one entry per distinct value of the union, sorted ordinally.</summary>
    public static BinnedDistributions FromCategories(IEnumerable<string> reference, IEnumerable<string> current)
    {
        var r = CountValues(reference);
        var c = CountValues(current);
        return FromCategoryCounts(r, c);
    }

    /// <summary>Categorical counts (absent keys count zero), sorted ordinally by category.</summary>
    public static BinnedDistributions FromCategoryCounts(IReadOnlyDictionary<string, long> reference, IReadOnlyDictionary<string, long> current)
    {
        var keys = reference.Keys.Union(current.Keys).Order(StringComparer.Ordinal).ToArray();
        return FromCounts(
            keys,
            keys.Select(k => reference.GetValueOrDefault(k)).ToArray(),
            keys.Select(k => current.GetValueOrDefault(k)).ToArray());
    }

    internal static Dictionary<string, long> CountValues(IEnumerable<string> values)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var v in values) counts[v] = counts.GetValueOrDefault(v) + 1;
        return counts;
    }

    /// <summary>"[a, b)" labels for the bins, the last one closed.</summary>
    public static string[] BinLabels(Binning binning)
    {
        var labels = new string[binning.BinCount];
        for (var i = 0; i < binning.BinCount; i++)
        {
            var close = i == binning.BinCount - 1 ? "]" : ")";
            labels[i] = FormattableString.Invariant($"[{binning.Edges[i]:G6}, {binning.Edges[i + 1]:G6}{close}");
        }
        return labels;
    }
}
