using Steward.Core.Governance.Yaml;
using YamlDotNet.RepresentationModel;

namespace Steward.Core.Alignment.Canary;

/// <summary>
/// Reads a canary config (Kayenta's canary config in YAML):
/// <c>metrics: [{name, direction, critical, group, ...}]</c>, <c>groups: {NAME: weight}</c>,
/// <c>thresholds: {pass, marginal}</c>. Every error names file:line:column and the field; unknown
/// fields are errors, so that a misspelt option is never silently ignored.
/// </summary>
public static class CanaryConfigReader
{
    /// <summary>The most metrics one config may judge.</summary>
    public const int MaxMetrics = 1000;

    private static readonly string[] TopFields = ["metrics", "groups", "thresholds"];
    private static readonly string[] MetricFields = ["name", "direction", "critical", "group", "mustHaveData", "muted", "nanStrategy", "outliers", "effectSize"];
    private static readonly string[] OutlierFields = ["strategy", "factor"];
    private static readonly string[] EffectSizeFields = ["measure", "allowedIncrease", "allowedDecrease", "criticalIncrease", "criticalDecrease"];
    private static readonly string[] ThresholdFields = ["pass", "marginal"];

    /// <summary>The group of a metric that names none.</summary>
    public const string DefaultGroup = "default";

    /// <exception cref="StewardInputException">Malformed YAML or a field that does not fit the schema.</exception>
    public static CanaryConfig Parse(string file, string text)
    {
        var documents = YamlFile.Parse(file, text);
        if (documents.Count != 1 || documents[0] is not YamlMappingNode root)
            throw new StewardInputException($"{file}: expected one YAML mapping with metrics, groups and thresholds");
        var reader = new NodeReader(file, root, "");
        RefuseUnknown(reader, TopFields);

        var metricNodes = reader.Sequence("metrics");
        if (metricNodes.Count == 0)
            throw new StewardInputException($"{reader.LocationOf("metrics")}: metrics: at least one metric is required");
        if (metricNodes.Count > MaxMetrics)
            throw new StewardInputException($"{reader.LocationOf("metrics")}: metrics: {metricNodes.Count} metrics, over the limit of {MaxMetrics}");
        var metrics = new List<CanaryMetricConfig>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < metricNodes.Count; i++)
        {
            var field = $"metrics[{i}]";
            if (metricNodes[i] is not YamlMappingNode map)
                throw reader.Error(metricNodes[i], field, $"expected a mapping, got {NodeReader.Describe(metricNodes[i])}");
            var metric = Metric(new NodeReader(file, map, field));
            if (!names.Add(metric.Name))
                throw reader.Error(metricNodes[i], $"metrics[{i}].name", $"metric {metric.Name} is configured twice");
            metrics.Add(metric);
        }

        return new CanaryConfig(metrics, Weights(reader), Thresholds(reader));
    }

    private static CanaryMetricConfig Metric(NodeReader m)
    {
        RefuseUnknown(m, MetricFields);
        var name = m.String("name", required: true)!;
        if (name.Length == 0) throw m.Error(m.Get("name")!, m.FieldPath("name"), "must not be empty");
        var options = new CanaryMetricOptions
        {
            Direction = Choice(m, "direction", MetricDirection.Either, ("increase", MetricDirection.Increase), ("decrease", MetricDirection.Decrease), ("either", MetricDirection.Either)),
            NaNStrategy = Choice(m, "nanStrategy", NaNStrategy.Remove, ("remove", NaNStrategy.Remove), ("replace", NaNStrategy.Replace)),
            Critical = m.Boolean("critical") ?? false,
            MustHaveData = m.Boolean("mustHaveData") ?? false,
            Muted = m.Boolean("muted") ?? false,
        };
        if (m.Mapping("outliers") is { } outliers)
        {
            RefuseUnknown(outliers, OutlierFields);
            options = options with
            {
                RemoveOutliers = Choice(outliers, "strategy", false, ("remove", true), ("keep", false)),
                OutlierFactor = Positive(outliers, "factor") ?? options.OutlierFactor,
            };
        }
        if (m.Mapping("effectSize") is { } effect)
        {
            RefuseUnknown(effect, EffectSizeFields);
            var measure = Choice(effect, "measure", EffectSizeMeasure.MeanRatio, ("meanRatio", EffectSizeMeasure.MeanRatio), ("cles", EffectSizeMeasure.Cles));
            // "No effect" is 1 for the mean ratio and 0.5 for CLES: the defaults follow the measure, as in Kayenta.
            var none = measure == EffectSizeMeasure.Cles ? 0.5 : 1.0;
            options = options with
            {
                EffectSizeMeasure = measure,
                AllowedIncrease = none,
                AllowedDecrease = none,
                CriticalIncrease = none,
                CriticalDecrease = none,
            };
            options = options with
            {
                AllowedIncrease = Positive(effect, "allowedIncrease") ?? options.AllowedIncrease,
                AllowedDecrease = Positive(effect, "allowedDecrease") ?? options.AllowedDecrease,
                CriticalIncrease = Positive(effect, "criticalIncrease") ?? options.CriticalIncrease,
                CriticalDecrease = Positive(effect, "criticalDecrease") ?? options.CriticalDecrease,
            };
        }
        return new CanaryMetricConfig(name, m.String("group") is { Length: > 0 } group ? group : DefaultGroup, options);
    }

    private static Dictionary<string, double> Weights(NodeReader reader)
    {
        var weights = new Dictionary<string, double>(StringComparer.Ordinal);
        if (reader.Mapping("groups") is not { } groups) return weights;
        foreach (var (name, node) in groups.Entries())
        {
            var field = groups.FieldPath(name);
            if (node is not YamlScalarNode scalar || !YamlScalars.TryNumber(scalar, out var weight))
                throw groups.Error(node, field, $"expected a weight (a number of percent), got {NodeReader.Describe(node)}");
            if (weight is < 0 or > 100)
                throw groups.Error(node, field, $"weight {weight} is outside 0..100");
            weights[name] = (double)weight;
        }
        var total = weights.Values.Sum();
        if (total > 100 + 1e-9)
            throw new StewardInputException($"{reader.LocationOf("groups")}: groups: the weights add up to {total}, over 100");
        return weights;
    }

    private static CanaryThresholds Thresholds(NodeReader reader)
    {
        var defaults = new CanaryThresholds();
        if (reader.Mapping("thresholds") is not { } t) return defaults;
        RefuseUnknown(t, ThresholdFields);
        var pass = Percent(t, "pass") ?? defaults.Pass;
        var marginal = Percent(t, "marginal") ?? defaults.Marginal;
        if (marginal > pass)
            throw t.Error(t.Get("marginal") ?? t.Node, t.FieldPath("marginal"), $"{marginal} is above pass ({pass})");
        return new CanaryThresholds(pass, marginal);
    }

    private static double? Percent(NodeReader reader, string key)
    {
        var value = reader.Number(key);
        if (value is null) return null;
        if (value is < 0 or > 100) throw reader.Error(reader.Get(key)!, reader.FieldPath(key), $"{value} is outside 0..100");
        return (double)value;
    }

    private static double? Positive(NodeReader reader, string key)
    {
        var value = reader.Number(key);
        if (value is null) return null;
        if (value <= 0) throw reader.Error(reader.Get(key)!, reader.FieldPath(key), $"{value} must be greater than 0");
        return (double)value;
    }

    private static T Choice<T>(NodeReader reader, string key, T fallback, params (string Name, T Value)[] choices)
    {
        var text = reader.String(key);
        if (text is null) return fallback;
        foreach (var (name, value) in choices)
            if (name == text) return value;
        throw reader.Error(reader.Get(key)!, reader.FieldPath(key), $"\"{text}\" is not one of {string.Join(", ", choices.Select(c => c.Name))}");
    }

    private static void RefuseUnknown(NodeReader reader, string[] known)
    {
        foreach (var (key, node) in reader.Node.Children)
        {
            var name = (key as YamlScalarNode)?.Value ?? "";
            if (!known.Contains(name, StringComparer.Ordinal))
                throw reader.Error(key, reader.FieldPath(name), $"unknown field; expected one of {string.Join(", ", known)}");
        }
    }
}
