namespace Steward.Core.Alignment.Drift;

/// <summary>What to analyse and how.</summary>
public sealed record DriftOptions
{
    /// <summary>Columns to analyse; null means every column of the reference.</summary>
    public IReadOnlyList<string>? Columns { get; init; }

    /// <summary>Columns to treat as categorical even when their values are numbers.</summary>
    public IReadOnlyCollection<string> Categorical { get; init; } = [];

    public DriftMethod Method { get; init; } = DriftMethod.Auto;

    /// <summary>Overrides every column's threshold; null means the method's default (0.05 for tests, 0.1 for distances).</summary>
    public double? Threshold { get; init; }

    /// <summary>Per-column methods (e.g. from a Monitor's metrics); they override <see cref="Method"/>.</summary>
    public IReadOnlyDictionary<string, DriftMethod> ColumnMethods { get; init; } = new Dictionary<string, DriftMethod>();

    /// <summary>Per-column thresholds; they override <see cref="Threshold"/>.</summary>
    public IReadOnlyDictionary<string, double> ColumnThresholds { get; init; } = new Dictionary<string, double>();

    /// <summary>The options that apply to one column.</summary>
    public DriftOptions ForColumn(string column) => this with
    {
        Method = ColumnMethods.TryGetValue(column, out var method) ? method : Method,
        Threshold = ColumnThresholds.TryGetValue(column, out var threshold) ? threshold : Threshold,
    };

    /// <summary>Share of drifted columns at which the dataset drifts.</summary>
    public double DriftShare { get; init; } = 0.5;

    /// <summary>Equal-width bins for PSI, Jensen–Shannon and Hellinger on numeric columns.</summary>
    public int BinCount { get; init; } = Statistics.Binning.DefaultBinCount;
}
