namespace Steward.Core.FinOps.Anomalies;

/// <summary>The answer of <c>steward cost anomalies</c>: anomalies sorted by impact, largest first.</summary>
public sealed record CostAnomalyResult
{
    public required IReadOnlyList<string> Dimensions { get; init; }
    public required string Metric { get; init; }
    public string? Currency { get; init; }
    public required IReadOnlyList<CostAnomaly> Anomalies { get; init; }
}
