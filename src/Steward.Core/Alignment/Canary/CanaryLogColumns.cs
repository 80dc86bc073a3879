namespace Steward.Core.Alignment.Canary;

/// <summary>
/// Which logged columns of the inference log the canary's metrics are derived from. Latency, error and cost
/// have defaults (the names OTLP ingestion writes for the first two); drift and fairness are derived only
/// when their columns are named.
/// </summary>
public sealed record CanaryLogColumns
{
    /// <summary>Milliseconds per inference.</summary>
    public string Latency { get; init; } = "latency_ms";

    /// <summary>Whether the inference failed: true/false or 1/0 (anything else is unknown).</summary>
    public string Error { get; init; } = "error";

    /// <summary>What the inference cost, in US dollars.</summary>
    public string Cost { get; init; } = "cost_usd";

    /// <summary>A numeric column (a score, a feature) whose distribution the drift metric compares; null: no drift metric.</summary>
    public string? Drift { get; init; }

    /// <summary>The protected attribute whose groups the fairness metric compares; null: no fairness metric.</summary>
    public string? ProtectedAttribute { get; init; }

    /// <summary>The prediction column the fairness metric reads, with <see cref="ProtectedAttribute"/>.</summary>
    public string? Prediction { get; init; }

    /// <summary>The prediction value that is the positive class.</summary>
    public string PositiveLabel { get; init; } = "1";
}
