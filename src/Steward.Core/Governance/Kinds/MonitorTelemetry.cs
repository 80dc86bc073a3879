using Steward.Core.Governance.Yaml;
using YamlDotNet.RepresentationModel;

namespace Steward.Core.Governance.Kinds;

/// <summary>
/// A Monitor's <c>spec.telemetry</c>: which OpenTelemetry attribute fills each column the Monitor reads, when
/// <c>steward serve</c> turns spans and log records (<c>POST /v1/traces</c>, <c>/v1/logs</c>) into inference rows
/// of the Monitor's model (docs/sources.md). A column without an entry is read from the attribute of its own name.
/// </summary>
/// <param name="Attributes">Column → attribute, as the Monitor spells them (sorted by column).</param>
public sealed record MonitorTelemetry(IReadOnlyDictionary<string, string> Attributes)
{
    public static readonly MonitorTelemetry None = new(new SortedDictionary<string, string>(StringComparer.Ordinal));

    /// <summary>The longest attribute name read (OpenTelemetry sets no bound; Steward does, as for every input).</summary>
    public const int MaxAttributeLength = 255;

    private static readonly string[] Fields = ["features", "prediction", "score", "label", "protectedAttributes", "refusal", "judgeScore"];

    /// <summary>
    /// The columns a span or log record of the Monitor's model fills, each with the attribute it is read from:
    /// its features, categorical features, embeddings, prediction, score, label, protected attributes, refusal flag and judge score.
    /// </summary>
    public static IReadOnlyDictionary<string, string> ColumnsOf(ModelMonitor monitor)
    {
        var columns = new SortedDictionary<string, string>(StringComparer.Ordinal);
        IEnumerable<string?> named = [.. monitor.Features, .. monitor.CategoricalFeatures, .. monitor.Embeddings,
            monitor.Prediction, monitor.Score, monitor.Label, .. monitor.ProtectedAttributes, monitor.Refusal, monitor.JudgeScore];
        foreach (var column in named.OfType<string>())
            columns[column] = column;
        foreach (var (column, attribute) in monitor.Telemetry.Attributes)
            columns[column] = attribute;
        return columns;
    }

    /// <summary>
    /// Reads <c>spec.telemetry</c>; every entry must name a column the Monitor reads (a feature when
    /// <c>spec.features</c> lists them, a protected attribute, or the column of <c>spec.prediction</c>,
    /// <c>spec.score</c>, <c>spec.label</c>), so that a typo cannot fill a column nothing reads.
    /// </summary>
    internal static MonitorTelemetry Parse(NodeReader spec, ModelMonitor monitor)
    {
        var telemetry = spec.Mapping("telemetry");
        if (telemetry is null)
            return None;
        foreach (var (key, value) in telemetry.Entries())
            if (!Fields.Contains(key))
                throw telemetry.Error(value, telemetry.FieldPath(key), $"unknown field (expected one of {string.Join(", ", Fields)})");

        var attributes = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var features = monitor.Features.Concat(monitor.CategoricalFeatures).Concat(monitor.Embeddings).ToHashSet(StringComparer.Ordinal);
        var featuresMap = telemetry.Mapping("features");
        if (featuresMap is not null)
        {
            foreach (var (column, attribute) in telemetry.StringMap("features"))
            {
                if (features.Count > 0 && !features.Contains(column))
                    throw featuresMap.Error(Key(featuresMap, column), featuresMap.FieldPath(column),
                        $"'{column}' is not among spec.features, spec.categoricalFeatures or spec.embeddings");
                attributes[column] = Attribute(featuresMap, column, attribute);
            }
        }

        var protectedMap = telemetry.Mapping("protectedAttributes");
        if (protectedMap is not null)
        {
            foreach (var (column, attribute) in telemetry.StringMap("protectedAttributes"))
            {
                if (!monitor.ProtectedAttributes.Contains(column))
                    throw protectedMap.Error(Key(protectedMap, column), protectedMap.FieldPath(column), $"'{column}' is not among spec.protectedAttributes");
                attributes[column] = Attribute(protectedMap, column, attribute);
            }
        }

        foreach (var (field, column) in new[] { ("prediction", monitor.Prediction), ("score", monitor.Score), ("label", monitor.Label), ("refusal", monitor.Refusal), ("judgeScore", monitor.JudgeScore) })
        {
            var attribute = telemetry.String(field);
            if (attribute is null)
                continue;
            if (column is null)
                throw telemetry.Error(telemetry.Get(field)!, telemetry.FieldPath(field), $"needs spec.{field} (the column the attribute fills)");
            attributes[column] = Attribute(telemetry, field, attribute);
        }
        return new MonitorTelemetry(attributes);
    }

    private static string Attribute(NodeReader map, string key, string attribute)
    {
        if (attribute.Length == 0 || attribute.Length > MaxAttributeLength || attribute.Any(c => char.IsControl(c) || char.IsWhiteSpace(c)))
            throw map.Error(map.Get(key)!, map.FieldPath(key),
                $"expected an attribute name of 1 to {MaxAttributeLength} characters without spaces or control characters, got \"{attribute}\"");
        return attribute;
    }

    private static YamlNode Key(NodeReader map, string key) =>
        map.Node.Children.Keys.First(k => k is YamlScalarNode s && s.Value == key);
}
