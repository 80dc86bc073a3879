using System.Globalization;
using Steward.Core.Alignment.Ingest;
using Steward.Core.FinOps.Allocation;
using Steward.Core.Findings;
using Steward.Core.Governance;
using Steward.Core.Storage;

namespace Steward.Core.FinOps.Optimization;

/// <summary>
/// A deployed model version's allocated cost against its inference count, and its risk-adjusted
/// total cost of ownership: the cost plus the expected cost of its open alignment findings.
/// </summary>
public sealed record ModelVersionCost(
    string Model, string Version, decimal Cost, long Inferences, decimal? CostPer1000, decimal? DeclaredPer1000, Finding? Finding)
{
    /// <summary>Alignment findings of the version still open (<see cref="OpenAlignmentFindings"/>).</summary>
    public int OpenFindings { get; init; }

    /// <summary>OpenFindings × steward.yaml <c>risk.alignmentFindingCostUsd</c>.</summary>
    public decimal RiskCost { get; init; }

    public decimal RiskAdjustedCost => Cost + RiskCost;
}

/// <summary>
/// Cost per 1,000 inferences and model sprawl, from the alignment store's inference log
/// (<c>inferences(model, version, ts, ...)</c>, one row per logged prediction, filled by
/// <c>steward ingest inferences</c>; see <see cref="AlignmentSchema"/>).
/// <code>
/// inferences(m, v)    = rows of the log with model m, version v and ts in the usage period
/// cost_per_1000       = allocated cost of the version (its workloads' model labels) / inferences × 1000
/// risk_adjusted_cost  = cost + open alignment findings × risk.alignmentFindingCostUsd
/// model-sprawl        ⇔ cost &gt; 0 and no inferences
/// cost-per-inference  ⇔ cost_per_1000 &gt; 1000 × ModelVersion.costPerInferenceUsd
/// </code>
/// </summary>
public static class InferenceCosts
{
    public const string SprawlRule = "model-sprawl";
    public const string CostRule = "cost-per-inference";

    /// <summary>
    /// Inference counts per (model, version) with <c>ts</c> in [<paramref name="from"/>, <paramref name="to"/>)
    /// (either end open when null), or null when the store holds no inference log (the alignment
    /// schema was never applied to it).
    /// </summary>
    public static Dictionary<(string Model, string Version), long>? Load(IStewardStore store, DateTime? from = null, DateTime? to = null)
    {
        if (store.SchemaVersion(AlignmentSchema.ModuleName) == 0) return null;
        using var log = InferenceLog.For(store);
        return log.Counts(from, to);
    }

    /// <summary>
    /// The period whose inferences are set against the allocated cost: from the start of the first
    /// usage window to the end of the last, narrowed to the days asked for (UTC, inclusive). Cost
    /// and inferences must cover the same time, or a long log would make any version look cheap.
    /// </summary>
    public static (DateTime? From, DateTime? To) Period(AllocationResult allocation, DateOnly? from, DateOnly? to)
    {
        var start = from?.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var end = to?.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        if (allocation.From is { } first && (start is null || first > start)) start = first;
        if (allocation.To is { } last && (end is null || last < end)) end = last;
        return (start, end);
    }

    public static IReadOnlyList<ModelVersionCost> Analyze(AllocationResult allocation, GovernanceRepository repository,
        IReadOnlyDictionary<(string Model, string Version), long> inferences,
        IReadOnlyDictionary<(string Model, string Version), int>? openFindings = null)
    {
        openFindings ??= new Dictionary<(string, string), int>();
        var result = new List<ModelVersionCost>();
        var n = allocation.Dimensions.Count;
        var byVersion = allocation.Rows
            .Where(r => r.Keys[n - 2] != CostAllocator.Unallocated && r.Keys[n - 1] != CostAllocator.Unallocated)
            .GroupBy(r => (Model: r.Keys[n - 2], Version: r.Keys[n - 1]))
            .OrderBy(g => g.Key.Model, StringComparer.Ordinal).ThenBy(g => g.Key.Version, StringComparer.Ordinal);
        foreach (var g in byVersion)
        {
            var cost = g.Sum(r => r.Total);
            var count = inferences.TryGetValue(g.Key, out var c) ? c : 0;
            var per1000 = count > 0 ? cost / count * 1000m : (decimal?)null;
            var declared = repository.FindModel(g.Key.Model, g.Key.Version)?.CostPerInferenceUsd * 1000m;
            var subject = new Subject { Model = g.Key.Model, ModelVersion = g.Key.Version, Scope = $"model {g.Key.Model} {g.Key.Version}" };
            string M(decimal v) => v.ToString("0.00####", CultureInfo.InvariantCulture);
            Finding? finding = null;
            if (count == 0 && cost > 0)
            {
                finding = new Finding
                {
                    RuleId = SprawlRule,
                    Severity = Severity.Warning,
                    Category = Category.FinOps,
                    Subject = subject,
                    Message = $"Model {g.Key.Model} {g.Key.Version} is deployed and cost {M(cost)} USD but served no inferences",
                    Evidence = new Dictionary<string, object?> { ["cost"] = cost, ["inferences"] = 0L },
                    SuggestedAction = "Retire the version or scale it to zero.",
                };
            }
            else if (per1000 is { } actual && declared is { } expected && actual > expected)
            {
                finding = new Finding
                {
                    RuleId = CostRule,
                    Severity = Severity.Warning,
                    Category = Category.FinOps,
                    Subject = subject,
                    Message = $"Model {g.Key.Model} {g.Key.Version} costs {M(actual)} USD per 1,000 inferences, above the declared {M(expected)}",
                    Evidence = new Dictionary<string, object?> { ["cost"] = cost, ["inferences"] = count, ["cost_per_1000"] = actual, ["declared_per_1000"] = expected },
                    SuggestedAction = "Rightsize or batch the serving workload, or update costPerInferenceUsd.",
                };
            }
            var open = OpenAlignmentFindings.For(openFindings, g.Key.Model, g.Key.Version);
            result.Add(new ModelVersionCost(g.Key.Model, g.Key.Version, cost, count, per1000, declared, finding)
            {
                OpenFindings = open,
                RiskCost = open * repository.Settings.AlignmentFindingCostUsd,
            });
        }
        return result;
    }
}
