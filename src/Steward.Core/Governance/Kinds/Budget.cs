using Steward.Core.Collections;
using System.Text.Json.Nodes;
using Steward.Core.Governance.Yaml;

namespace Steward.Core.Governance.Kinds;

public enum BudgetPeriod { Monthly, Quarterly, Yearly }

public enum BudgetAction { Notify, Block }

/// <summary>budgets/**.yaml: an amount of money for the workloads a label selector picks.</summary>
public sealed record Budget
{
    public required RepositoryObject Object { get; init; }
    public string Name => Object.Name;
    public required IReadOnlyDictionary<string, string> MatchLabels { get; init; }
    public required decimal Amount { get; init; }
    public string Currency { get; init; } = "USD";
    public BudgetPeriod Period { get; init; } = BudgetPeriod.Monthly;
    public IReadOnlyList<decimal> Thresholds { get; init; } = [0.8m, 1.0m];
    public BudgetAction Action { get; init; } = BudgetAction.Notify;

    /// <summary>With action block: the replicas non-critical workloads are scaled to (0 pauses them).</summary>
    public int? ScaleTo { get; init; }

    public required JsonObject Spec { get; init; }

    /// <summary>The budget's amount per month, whatever its period.</summary>
    public decimal MonthlyAmount => Period switch
    {
        BudgetPeriod.Quarterly => Amount / 3m,
        BudgetPeriod.Yearly => Amount / 12m,
        _ => Amount,
    };

    /// <summary>Whether the budget's selector picks an object with these labels (an empty selector picks all).</summary>
    public bool Selects(IReadOnlyDictionary<string, string> labels) =>
        MatchLabels is OrdinalDictionary<string> match
            ? match.IsContainedIn(labels)
            : MatchLabels.All(kv => labels.TryGetValue(kv.Key, out var v) && v == kv.Value);

    public static Budget Parse(RepositoryObject obj)
    {
        var spec = obj.Reader.Mapping("spec", required: true)!;
        var selector = spec.Mapping("selector");
        var amount = spec.Number("amount", required: true)!.Value;
        if (amount < 0) throw spec.Error(spec.Get("amount")!, spec.FieldPath("amount"), "must not be negative");
        var thresholds = new List<decimal>();
        var items = spec.Sequence("thresholds");
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is not YamlDotNet.RepresentationModel.YamlScalarNode s || !YamlScalars.TryNumber(s, out var t) || t <= 0)
                throw spec.Error(items[i], $"{spec.FieldPath("thresholds")}[{i}]", $"expected a positive number (a fraction of the amount), got {NodeReader.Describe(items[i])}");
            thresholds.Add(t);
        }
        thresholds.Sort();
        var scaleTo = spec.Number("scaleTo");
        return new Budget
        {
            Object = obj,
            MatchLabels = selector?.StringMap("matchLabels") ?? OrdinalDictionary<string>.Empty,
            Amount = amount,
            Currency = spec.String("currency") ?? "USD",
            Period = ParseEnum(spec, "period", BudgetPeriod.Monthly),
            Thresholds = items.Count == 0 ? [0.8m, 1.0m] : thresholds,
            Action = ParseEnum(spec, "action", BudgetAction.Notify),
            ScaleTo = scaleTo is null ? null : (int)scaleTo.Value,
            Spec = (JsonObject)YamlScalars.ToJson(spec.Node)!,
        };
    }

    private static T ParseEnum<T>(NodeReader spec, string key, T fallback) where T : struct, Enum
    {
        var text = spec.String(key);
        if (text is null) return fallback;
        if (Enum.TryParse<T>(text, ignoreCase: true, out var value) && !int.TryParse(text, out _)) return value;
        var allowed = string.Join(", ", Enum.GetNames<T>().Select(n => n.ToLowerInvariant()));
        throw spec.Error(spec.Get(key)!, spec.FieldPath(key), $"unknown value \"{text}\" (expected one of {allowed})");
    }
}
