using Steward.Core.Alignment.Canary;

namespace Steward.Core.Application.Canary;

/// <summary>
/// <c>steward canary judge --store</c>: judge two versions of a model from their inference log between
/// <see cref="Since"/> and <see cref="Until"/> (instants as typed: a UTC date or timestamp).
/// </summary>
public sealed record CanaryStoreRequest(string Store, string Model, string BaselineVersion, string CanaryVersion, string Since, CanaryInput Config)
{
    public string? Until { get; init; }

    /// <summary>The length of each interval of the time series (<c>30s</c>, <c>5m</c>, <c>1h</c>); one observation per interval.</summary>
    public string Interval { get; init; } = "1m";

    public CanaryLogColumns Columns { get; init; } = new();
}
