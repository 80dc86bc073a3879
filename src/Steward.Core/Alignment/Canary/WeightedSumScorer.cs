namespace Steward.Core.Alignment.Canary;

/// <summary>One group's score: the percentage of its metrics that passed, among those with a result.</summary>
/// <param name="NoData">No metric of the group had a result; it then counts as 100 in the summary.</param>
public sealed record GroupScore(string Name, double Score, bool NoData, int Metrics);

/// <summary>The summary score (0–100, two decimals), the group scores and why the canary failed outright, if it did.</summary>
public sealed record ScoreResult(double Score, IReadOnlyList<GroupScore> Groups, string? Reason);

/// <summary>
/// Kayenta's <c>WeightedSumScorer</c>: each group scores the share of its metrics that are Pass (High,
/// Low and must-have-data NoData count against it; NoData and Error are left out); the summary is the
/// sum of group scores times their weights (%). A critical metric that did not pass, or NoData on half
/// the metrics or more, makes the score 0.
/// </summary>
public sealed class WeightedSumScorer(IReadOnlyDictionary<string, double> groupWeights)
{
    /// <summary>Percent of metrics with NoData at which the canary fails.</summary>
    public const double NoDataThreshold = 50;

    /// <summary>Scores the (non-muted) metric results: (name, group, classification).</summary>
    public ScoreResult Score(IReadOnlyList<(string Name, string Group, MetricClassification Classification)> results)
    {
        var groups = results
            .GroupBy(r => r.Group, StringComparer.Ordinal)
            .Select(g => GroupScoreOf(g.Key, g.Select(r => r.Classification.Label).ToList()))
            .OrderBy(g => g.Name, StringComparer.Ordinal)
            .ToList();

        var failure = results.FirstOrDefault(r => r.Classification.Critical && r.Classification.Label != MetricClassificationLabel.Pass);
        if (failure.Classification is not null)
            return new ScoreResult(0.0, groups, $"Canary Failed: {failure.Classification.Reason}");

        var noData = results.Count(r => r.Classification.Label == MetricClassificationLabel.NoData);
        if (results.Count > 0 && noData * 100.0 / results.Count >= NoDataThreshold)
            return new ScoreResult(0.0, groups, $"Canary Failed: {NoDataThreshold}% or more metrics returned NODATA");

        return new ScoreResult(SummaryScore(groups), groups, null);
    }

    private static GroupScore GroupScoreOf(string name, IReadOnlyList<MetricClassificationLabel> labels)
    {
        var pass = labels.Count(l => l == MetricClassificationLabel.Pass);
        var total = labels.Count(l => l is MetricClassificationLabel.Pass or MetricClassificationLabel.High
            or MetricClassificationLabel.Low or MetricClassificationLabel.NoDataFailMetric);
        var noData = total == 0;
        return new GroupScore(name, noData ? 0.0 : pass / (double)total * 100, noData, labels.Count);
    }

    private double SummaryScore(IReadOnlyList<GroupScore> groups)
    {
        var unweighted = groups.Count(g => !groupWeights.ContainsKey(g.Name));
        var sharedWeight = unweighted > 0 ? (100 - groupWeights.Values.Sum()) / unweighted : 0.0;
        var summary = 0.0;
        foreach (var group in groups)
        {
            var effective = group.NoData ? 100.0 : group.Score;
            var weight = groupWeights.TryGetValue(group.Name, out var w) ? w : sharedWeight;
            summary += effective * (weight / 100);
        }
        return RoundHalfUp(summary);
    }

    /// <summary>Commons Math's <c>Precision.round(x, 2)</c>: half up, on the decimal the double prints as.</summary>
    private static double RoundHalfUp(double value) =>
        double.IsFinite(value) && Math.Abs(value) < 1e15
            ? (double)Math.Round((decimal)value, 2, MidpointRounding.AwayFromZero)
            : value;
}
