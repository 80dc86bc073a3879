using System.Text.Json.Nodes;
using Steward.Core.Governance.Yaml;

namespace Steward.Core.Governance.Kinds;

/// <summary>monitors/**.yaml (kind Monitor): how a deployed model is watched for drift, fairness and performance.</summary>
public sealed record ModelMonitor
{
    public required RepositoryObject Object { get; init; }
    public string Name => Object.Name;
    public required string Model { get; init; }
    public string? Version { get; init; }
    public string? Reference { get; init; }
    public IReadOnlyList<string> Features { get; init; } = [];
    public IReadOnlyList<string> CategoricalFeatures { get; init; } = [];
    public string? Prediction { get; init; }
    public string? Label { get; init; }
    public IReadOnlyList<string> ProtectedAttributes { get; init; } = [];
    public IReadOnlyDictionary<string, Threshold> Metrics { get; init; } = new SortedDictionary<string, Threshold>(StringComparer.Ordinal);
    public string Window { get; init; } = "daily";
    public string? Remediation { get; init; }
    public required JsonObject Spec { get; init; }

    public static ModelMonitor Parse(RepositoryObject obj)
    {
        var spec = obj.Reader.Mapping("spec", required: true)!;
        var window = spec.String("window") ?? "daily";
        if (window is not ("hourly" or "daily" or "weekly" or "monthly"))
            throw spec.Error(spec.Get("window")!, spec.FieldPath("window"), $"unknown window \"{window}\" (hourly, daily, weekly, monthly)");
        return new ModelMonitor
        {
            Object = obj,
            Model = spec.String("model", required: true)!,
            Version = spec.String("version"),
            Reference = spec.String("reference"),
            Features = spec.StringList("features"),
            CategoricalFeatures = spec.StringList("categoricalFeatures"),
            Prediction = spec.String("prediction"),
            Label = spec.String("label"),
            ProtectedAttributes = spec.StringList("protectedAttributes"),
            Metrics = Settings.ParseThresholds(spec.Mapping("metrics")),
            Window = window,
            Remediation = spec.String("remediation"),
            Spec = (JsonObject)YamlScalars.ToJson(spec.Node)!,
        };
    }
}
