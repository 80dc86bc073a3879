using Steward.Core.Collections;
using Steward.Core.Governance.Yaml;
using YamlDotNet.RepresentationModel;

namespace Steward.Core.Governance.Kinds;

/// <summary>What the admission webhook does with a finding of a rule (Gatekeeper's enforcement actions).</summary>
public enum AdmissionEnforcement
{
    /// <summary>The request is denied, the finding in the status message.</summary>
    Deny,

    /// <summary>The request is allowed, the finding returned as a warning (kubectl prints it).</summary>
    Warn,

    /// <summary>The request is allowed silently: the finding is only logged and counted in the metrics.</summary>
    DryRun,
}

/// <summary>What the webhook does when a review does not finish within its time budget.</summary>
public enum AdmissionFailurePolicy
{
    /// <summary>Allow the request, with a warning that says it was not reviewed (fail open).</summary>
    Allow,

    /// <summary>Deny the request (fail closed).</summary>
    Deny,
}

/// <summary>
/// steward.yaml <c>admission</c>: how the validating admission webhook of <c>steward serve</c> acts
/// on findings (per rule), which namespaces it leaves alone, and its time budget.
/// </summary>
public sealed record AdmissionSettings
{
    public static AdmissionSettings Default { get; } = new();

    /// <summary>Kubernetes caps a webhook's timeoutSeconds at 30; a budget at or past it can never apply.</summary>
    public static readonly TimeSpan MaxTimeout = TimeSpan.FromSeconds(30);

    public SourceLocation? Location { get; init; }

    /// <summary>admission.enforcement: the action per rule id; a rule not named takes <see cref="EnforcementOf"/>'s default.</summary>
    public IReadOnlyDictionary<string, AdmissionEnforcement> Enforcement { get; init; } =
        OrdinalDictionary<AdmissionEnforcement>.Empty;

    /// <summary>admission.excludedNamespaces: requests in these namespaces are allowed unreviewed.</summary>
    public IReadOnlyList<string> ExcludedNamespaces { get; init; } = ["kube-system"];

    /// <summary>admission.timeout: the time one review may take, below the webhook's timeoutSeconds.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>admission.failurePolicy: what a review past <see cref="Timeout"/> answers.</summary>
    public AdmissionFailurePolicy FailurePolicy { get; init; } = AdmissionFailurePolicy.Allow;

    /// <summary>
    /// The action for a finding of a rule: the one steward.yaml sets, else deny for errors (and
    /// critical), warn for warnings, and dry run (log only) for infos.
    /// </summary>
    public AdmissionEnforcement EnforcementOf(string ruleId, Findings.Severity severity) =>
        Enforcement.TryGetValue(ruleId, out var set) ? set
        : severity >= Findings.Severity.Error ? AdmissionEnforcement.Deny
        : severity == Findings.Severity.Warning ? AdmissionEnforcement.Warn
        : AdmissionEnforcement.DryRun;

    public static AdmissionSettings Parse(NodeReader? reader)
    {
        if (reader is null) return Default;
        return new AdmissionSettings
        {
            Location = reader.Location,
            Enforcement = ParseEnforcement(reader.Mapping("enforcement")),
            ExcludedNamespaces = reader.Has("excludedNamespaces") ? reader.StringList("excludedNamespaces") : Default.ExcludedNamespaces,
            Timeout = ParseTimeout(reader) ?? Default.Timeout,
            FailurePolicy = ParseFailurePolicy(reader) ?? Default.FailurePolicy,
        };
    }

    private static OrdinalDictionary<AdmissionEnforcement> ParseEnforcement(NodeReader? reader)
    {
        if (reader is null) return OrdinalDictionary<AdmissionEnforcement>.Empty;
        var result = new OrdinalDictionary<AdmissionEnforcement>.Builder();
        foreach (var (rule, node) in reader.Entries())
        {
            var text = node is YamlScalarNode scalar && !YamlScalars.IsNull(scalar) ? scalar.Value : null;
            result[rule] = text switch
            {
                "deny" => AdmissionEnforcement.Deny,
                "warn" => AdmissionEnforcement.Warn,
                "dryrun" => AdmissionEnforcement.DryRun,
                _ => throw reader.Error(node, reader.FieldPath(rule), $"expected deny, warn or dryrun, got {Describe(node)}"),
            };
        }
        return result.ToDictionary();
    }

    private static TimeSpan? ParseTimeout(NodeReader reader)
    {
        if (reader.String("timeout") is not { } text) return null;
        if (!PolicyLimitsSettings.TryParseDuration(text, out var value))
            throw reader.Error(reader.Get("timeout")!, reader.FieldPath("timeout"), $"expected a duration such as 500ms or 3s, got \"{text}\"");
        if (value >= MaxTimeout)
            throw reader.Error(reader.Get("timeout")!, reader.FieldPath("timeout"), $"{text} is not below the webhook's timeout (Kubernetes allows at most 30s); use e.g. 3s");
        return value;
    }

    private static AdmissionFailurePolicy? ParseFailurePolicy(NodeReader reader) =>
        reader.String("failurePolicy") switch
        {
            null => null,
            "allow" => AdmissionFailurePolicy.Allow,
            "deny" => AdmissionFailurePolicy.Deny,
            var other => throw reader.Error(reader.Get("failurePolicy")!, reader.FieldPath("failurePolicy"), $"expected allow or deny, got \"{other}\""),
        };

    private static string Describe(YamlNode node) => node is YamlScalarNode { Value: { } v } s && !YamlScalars.IsNull(s) ? $"\"{v}\"" : NodeReader.Describe(node);
}
