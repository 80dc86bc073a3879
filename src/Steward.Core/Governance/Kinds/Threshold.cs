namespace Steward.Core.Governance.Kinds;

/// <summary>A bound on a metric: <c>{min: 0.8}</c>, <c>{max: 0.3}</c> or both.</summary>
public sealed record Threshold(decimal? Min, decimal? Max)
{
    public bool IsMetBy(decimal value) => (Min is null || value >= Min) && (Max is null || value <= Max);

    public override string ToString() => (Min, Max) switch
    {
        ({ } lo, { } hi) => $"between {lo} and {hi}",
        ({ } lo, null) => $"≥ {lo}",
        (null, { } hi) => $"≤ {hi}",
        _ => "unbounded",
    };
}
