using Steward.Core.Collections;
using System.Text.Json.Nodes;
using Steward.Core.Governance.Yaml;
using YamlDotNet.RepresentationModel;

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

    /// <summary>
    /// Columns holding embeddings (JSON arrays of numbers in the log): features of the domain classifier
    /// (multivariate_auc, multivariate_drift), left out of the per-column drift.
    /// </summary>
    public IReadOnlyList<string> Embeddings { get; init; } = [];
    public string? Prediction { get; init; }
    public string? Label { get; init; }

    /// <summary>Column with the model's score or probability of the positive class (enables roc_auc and log_loss).</summary>
    public string? Score { get; init; }

    /// <summary>Label value that counts as the positive class.</summary>
    public string PositiveLabel { get; init; } = DefaultPositiveClass;

    /// <summary>Prediction values that count as positive; by default the positive label.</summary>
    public IReadOnlyList<string> PositivePredictions { get; init; } = [DefaultPositiveClass];

    /// <summary>Without a prediction column, a row is predicted positive when its score is ≥ this.</summary>
    public double ScoreThreshold { get; init; } = 0.5;
    public IReadOnlyList<string> ProtectedAttributes { get; init; } = [];

    /// <summary>spec.refusal: the boolean column marking a response as a refusal (enables refusal_rate).</summary>
    public string? Refusal { get; init; }

    /// <summary>spec.judgeScore: a numeric quality score logged per response, e.g. by an LLM judge (enables judge_score).</summary>
    public string? JudgeScore { get; init; }
    public IReadOnlyDictionary<string, Threshold> Metrics { get; init; } = OrdinalDictionary<Threshold>.Empty;
    public string Window { get; init; } = "daily";
    public string? Remediation { get; init; }

    /// <summary>The parsed <see cref="Remediation"/> (with spec.scaleTo); null when the Monitor names none.</summary>
    public MonitorRemediation? RemediationAction { get; init; }
    public required JsonObject Spec { get; init; }

    /// <summary>spec.telemetry: the OpenTelemetry attribute of each column, for <c>steward serve</c>'s OTLP ingestion.</summary>
    public MonitorTelemetry Telemetry { get; init; } = MonitorTelemetry.None;

    /// <summary>The positive class when a Monitor names none (as <c>steward analyze</c>).</summary>
    public const string DefaultPositiveClass = "1";

    public static ModelMonitor Parse(RepositoryObject obj)
    {
        var spec = obj.Reader.Mapping("spec", required: true)!;
        var window = spec.String("window") ?? "daily";
        if (window is not ("hourly" or "daily" or "weekly" or "monthly"))
            throw spec.Error(spec.Get("window")!, spec.FieldPath("window"), $"unknown window \"{window}\" (hourly, daily, weekly, monthly)");
        var positiveLabel = spec.String("positiveLabel") ?? DefaultPositiveClass;
        var monitor = new ModelMonitor
        {
            Object = obj,
            Model = spec.String("model", required: true)!,
            Version = spec.String("version"),
            Reference = spec.String("reference"),
            Features = spec.StringList("features"),
            CategoricalFeatures = spec.StringList("categoricalFeatures"),
            Embeddings = spec.StringList("embeddings"),
            Prediction = spec.String("prediction"),
            Label = spec.String("label"),
            Score = spec.String("score"),
            PositiveLabel = positiveLabel,
            PositivePredictions = PositivePredictionValues(spec) ?? [positiveLabel],
            ScoreThreshold = (double)(spec.Number("scoreThreshold") ?? 0.5m),
            ProtectedAttributes = spec.StringList("protectedAttributes"),
            Refusal = spec.String("refusal"),
            JudgeScore = spec.String("judgeScore"),
            Metrics = Settings.ParseThresholds(spec.Mapping("metrics")),
            Window = window,
            Remediation = spec.String("remediation"),
            RemediationAction = MonitorRemediation.Parse(spec),
            Spec = (JsonObject)YamlScalars.ToJson(spec.Node)!,
        };
        return monitor with { Telemetry = MonitorTelemetry.Parse(spec, monitor) };
    }

    /// <summary><c>positivePrediction</c>: one value or a list of values; null when absent.</summary>
    private static IReadOnlyList<string>? PositivePredictionValues(NodeReader spec)
    {
        if (!spec.Has("positivePrediction"))
            return null;
        var values = spec.Get("positivePrediction") is YamlSequenceNode
            ? spec.StringList("positivePrediction")
            : [spec.String("positivePrediction")!];
        if (values.Count == 0)
            throw spec.Error(spec.Get("positivePrediction")!, spec.FieldPath("positivePrediction"), "names no value");
        return values;
    }
}
