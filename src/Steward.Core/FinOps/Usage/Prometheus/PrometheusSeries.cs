namespace Steward.Core.FinOps.Usage.Prometheus;

/// <summary>One point of a range query's answer: Unix seconds and the value.</summary>
public readonly record struct PrometheusPoint(long Time, double Value);

/// <summary>One series of a range query's answer (<c>resultType: matrix</c>): its labels and points, oldest first.</summary>
public sealed record PrometheusSeries(IReadOnlyDictionary<string, string> Labels, IReadOnlyList<PrometheusPoint> Points)
{
    public string? Label(string name) => Labels.TryGetValue(name, out var value) && value.Length > 0 ? value : null;

    /// <summary>The series as PromQL writes it, for messages: <c>{namespace="shop", pod="api-1"}</c>.</summary>
    public override string ToString() =>
        "{" + string.Join(", ", Labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}=\"{l.Value}\"")) + "}";
}
