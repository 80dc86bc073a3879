using Steward.Core.Collections;
using Steward.Core.Findings;
using Steward.Core.Governance.Yaml;

namespace Steward.Core.Governance.Kinds;

/// <summary>steward.yaml (kind Settings). Every field has a default, so the file is optional.</summary>
public sealed record Settings
{
    public const string DefaultModelLabel = "steward.dev/model";
    public const string DefaultModelVersionLabel = "steward.dev/model-version";

    /// <summary>OpenCost's default on-demand prices (USD per hour).</summary>
    public const decimal DefaultCpuCoreHour = 0.031611m;
    public const decimal DefaultMemoryGiBHour = 0.004237m;
    public const decimal DefaultGpuHour = 0.95m;

    public static Settings Default { get; } = new();

    public SourceLocation? Location { get; init; }

    public string ModelLabel { get; init; } = DefaultModelLabel;
    public string ModelVersionLabel { get; init; } = DefaultModelVersionLabel;
    public IReadOnlyList<string> CostAllocationLabels { get; init; } = ["team", "cost-center"];

    public decimal CpuCoreHour { get; init; } = DefaultCpuCoreHour;
    public decimal MemoryGiBHour { get; init; } = DefaultMemoryGiBHour;
    public decimal GpuHour { get; init; } = DefaultGpuHour;

    /// <summary>
    /// risk.alignmentFindingCostUsd: the expected cost (likelihood × impact) of one open alignment
    /// finding, added to a model version's cost in its risk-adjusted total cost of ownership.
    /// </summary>
    public decimal AlignmentFindingCostUsd { get; init; }

    /// <summary>Approved image registries (prefixes); empty means the image-registry rule is off.</summary>
    public IReadOnlyList<string> ApprovedRegistries { get; init; } = [];

    public IReadOnlyList<string> AllowedLicenses { get; init; } = [];
    public IReadOnlyList<string> DeniedLicenses { get; init; } = [];

    /// <summary>Thresholds every deployed ModelVersion's evaluation results must meet (the organisation's level; PolicySets may tighten them).</summary>
    public IReadOnlyDictionary<string, Threshold> Evaluation { get; init; } = OrdinalDictionary<Threshold>.Empty;

    /// <summary><see cref="Evaluation"/> as written, with <c>overridable</c> and the place of each, for the policy hierarchy.</summary>
    public IReadOnlyDictionary<string, ThresholdSetting> EvaluationSettings { get; init; } = OrdinalDictionary<ThresholdSetting>.Empty;

    public IReadOnlyDictionary<string, RuleSetting> Rules { get; init; } = OrdinalDictionary<RuleSetting>.Empty;

    /// <summary>Store location relative to the current folder.</summary>
    public string? StorePath { get; init; }

    /// <summary>Whether policies are parsed with OPA v0 syntax.</summary>
    public bool PoliciesV0Compatible { get; init; }

    /// <summary>Resource limits of policy evaluation (policies.limits).</summary>
    public PolicyLimitsSettings PolicyLimits { get; init; } = PolicyLimitsSettings.Default;

    /// <summary>Which builtins policies may call (policies.capabilities).</summary>
    public PolicyCapabilitiesSettings PolicyCapabilities { get; init; } = PolicyCapabilitiesSettings.Default;

    /// <summary>Fields the live-state diff ignores (gitops.ignoreDifferences).</summary>
    public IReadOnlyList<IgnoreDifference> IgnoreDifferences { get; init; } = [];

    /// <summary>Labels that mark a live object as managed from this repository (gitops.managedLabels).</summary>
    public IReadOnlyDictionary<string, string> ManagedLabels { get; init; } =
        new OrdinalDictionary<string>.Builder { ["app.kubernetes.io/managed-by"] = "steward" }.ToDictionary();

    /// <summary>Signatures and vulnerability scanning (supplyChain).</summary>
    public SupplyChainSettings SupplyChain { get; init; } = SupplyChainSettings.Default;

    /// <summary>Where the manifests are (paths.manifests, paths.exclude).</summary>
    public PathSettings Paths { get; init; } = PathSettings.Default;

    /// <summary>The admission webhook of <c>steward serve</c> (admission).</summary>
    public AdmissionSettings Admission { get; init; } = AdmissionSettings.Default;

    /// <summary>What the control loop of <c>steward serve</c> remediates by itself and what only notifies (remediation).</summary>
    public RemediationSettings Remediation { get; init; } = RemediationSettings.Default;

    /// <summary>How PolicyExceptions near their expiry are flagged (exceptions).</summary>
    public ExceptionSettings Exceptions { get; init; } = ExceptionSettings.Default;

    public static Settings Parse(NodeReader root)
    {
        var labels = root.Mapping("labels");
        var prices = root.Mapping("prices");
        var registries = root.Mapping("registries");
        var licenses = root.Mapping("licenses");
        var store = root.Mapping("store");
        var policies = root.Mapping("policies");
        var gitops = root.Mapping("gitops");
        var risk = root.Mapping("risk");
        var settings = new Settings
        {
            Location = root.Location,
            ModelLabel = labels?.String("model") ?? DefaultModelLabel,
            ModelVersionLabel = labels?.String("modelVersion") ?? DefaultModelVersionLabel,
            CostAllocationLabels = labels?.Has("costAllocation") == true ? labels.StringList("costAllocation") : ["team", "cost-center"],
            CpuCoreHour = NonNegative(prices, "cpuCoreHour") ?? DefaultCpuCoreHour,
            MemoryGiBHour = NonNegative(prices, "memoryGiBHour") ?? DefaultMemoryGiBHour,
            GpuHour = NonNegative(prices, "gpuHour") ?? DefaultGpuHour,
            AlignmentFindingCostUsd = NonNegative(risk, "alignmentFindingCostUsd") ?? 0m,
            ApprovedRegistries = registries?.StringList("approved") ?? [],
            AllowedLicenses = licenses?.StringList("allowed") ?? [],
            DeniedLicenses = licenses?.StringList("denied") ?? [],
            EvaluationSettings = ParseThresholdSettings(root.Mapping("evaluation")),
            Rules = ParseRules(root.Mapping("rules")),
            StorePath = store?.String("path"),
            PoliciesV0Compatible = policies?.Boolean("v0Compatible") ?? false,
            PolicyLimits = PolicyLimitsSettings.Parse(policies?.Mapping("limits")),
            PolicyCapabilities = PolicyCapabilitiesSettings.Parse(policies?.Mapping("capabilities")),
            IgnoreDifferences = ParseIgnoreDifferences(gitops),
            SupplyChain = SupplyChainSettings.Parse(root.Mapping("supplyChain")),
            Paths = PathSettings.Parse(root.Mapping("paths")),
            Admission = AdmissionSettings.Parse(root.Mapping("admission")),
            Remediation = RemediationSettings.Parse(root.Mapping("remediation")),
            Exceptions = ExceptionSettings.Parse(root.Mapping("exceptions")),
        };
        settings = settings with { Evaluation = Bounds(settings.EvaluationSettings) };
        if (gitops?.Has("managedLabels") == true)
            settings = settings with { ManagedLabels = gitops.StringMap("managedLabels") };
        return settings;
    }

    public RuleSetting RuleSetting(string ruleId) =>
        Rules.TryGetValue(ruleId, out var setting) ? setting : new RuleSetting(true, null);

    private static IReadOnlyList<IgnoreDifference> ParseIgnoreDifferences(NodeReader? gitops)
    {
        if (gitops is null) return [];
        var items = gitops.Sequence("ignoreDifferences");
        var result = new List<IgnoreDifference>();
        for (var i = 0; i < items.Count; i++)
        {
            var item = gitops.Child(items[i], $"ignoreDifferences[{i}]");
            var pointers = item.StringList("jsonPointers");
            for (var p = 0; p < pointers.Count; p++)
            {
                if (!pointers[p].StartsWith('/'))
                    throw item.Error(item.Sequence("jsonPointers")[p], $"{item.FieldPath("jsonPointers")}[{p}]", $"a JSON pointer starts with '/', got \"{pointers[p]}\"");
            }
            result.Add(new IgnoreDifference(item.String("group") ?? "", item.String("kind", required: true)!, item.String("name"), item.String("namespace"), pointers));
        }
        return result;
    }

    private static decimal? NonNegative(NodeReader? reader, string key)
    {
        var value = reader?.Number(key);
        if (value < 0)
            throw reader!.Error(reader.Get(key)!, reader.FieldPath(key), "must not be negative");
        return value;
    }

    /// <summary>Parses <c>{metric: {min: x, max: y}}</c>.</summary>
    public static IReadOnlyDictionary<string, Threshold> ParseThresholds(NodeReader? reader)
    {
        if (reader is null) return OrdinalDictionary<Threshold>.Empty;
        var result = new OrdinalDictionary<Threshold>.Builder();
        foreach (var (key, value) in reader.Entries())
        {
            var bound = reader.Child(value, key);
            var min = bound.Number("min");
            var max = bound.Number("max");
            if (min is null && max is null)
                throw bound.Error(value, bound.Path, "a threshold needs min, max or both");
            result[key] = new Threshold(min, max);
        }
        return result.ToDictionary();
    }

    /// <summary>Parses <c>{metric: {min, max, overridable}}</c> (steward.yaml's evaluation, a PolicySet's spec.evaluation).</summary>
    public static IReadOnlyDictionary<string, ThresholdSetting> ParseThresholdSettings(NodeReader? reader)
    {
        if (reader is null) return OrdinalDictionary<ThresholdSetting>.Empty;
        var bounds = ParseThresholds(reader);
        var result = new OrdinalDictionary<ThresholdSetting>.Builder();
        foreach (var (key, value) in reader.Entries())
        {
            var entry = reader.Child(value, key);
            result[key] = new ThresholdSetting(bounds[key]) { Overridable = entry.Boolean("overridable") ?? false, Location = entry.Location };
        }
        return result.ToDictionary();
    }

    private static IReadOnlyDictionary<string, Threshold> Bounds(IReadOnlyDictionary<string, ThresholdSetting> settings)
    {
        var result = new OrdinalDictionary<Threshold>.Builder();
        foreach (var (key, setting) in settings) result[key] = setting.Bound;
        return result.ToDictionary();
    }

    /// <summary>Parses <c>{rule: {enabled, severity, overridable}}</c> (steward.yaml's rules, a PolicySet's spec.rules).</summary>
    public static IReadOnlyDictionary<string, RuleSetting> ParseRules(NodeReader? reader)
    {
        if (reader is null) return OrdinalDictionary<RuleSetting>.Empty;
        var result = new OrdinalDictionary<RuleSetting>.Builder();
        foreach (var (key, value) in reader.Entries())
        {
            var rule = reader.Child(value, key);
            Severity? severity = null;
            if (rule.String("severity") is { } text)
            {
                severity = text.ToLowerInvariant() switch
                {
                    "info" => Severity.Info,
                    "warning" => Severity.Warning,
                    "error" => Severity.Error,
                    "critical" => Severity.Critical,
                    _ => throw rule.Error(rule.Get("severity")!, rule.FieldPath("severity"), $"unknown severity \"{text}\" (info, warning, error, critical)"),
                };
            }
            result[key] = new RuleSetting(rule.Boolean("enabled") ?? true, severity) { Overridable = rule.Boolean("overridable") ?? false, Location = rule.Location };
        }
        return result.ToDictionary();
    }
}
