using Steward.Core.Findings;
using Steward.Core.Governance.Yaml;
using YamlDotNet.RepresentationModel;

namespace Steward.Core.Governance.Kinds;

/// <summary>What the control loop of <c>steward serve</c> does with a finding of a rule.</summary>
public enum RemediationMode
{
    /// <summary>A remediation is committed on a steward/ branch, pushed, and a change request opened; what cannot be remediated notifies.</summary>
    Automatic,

    /// <summary>People are notified (every notifier); nothing is committed.</summary>
    Notify,

    /// <summary>Neither: the finding stays in the check, the metrics and the audit log.</summary>
    Off,
}

/// <summary>
/// steward.yaml <c>remediation</c>: which findings the control loop remediates by itself and which
/// only notify people. <c>remediation.automatic</c> maps rule ids, or prefixes ending in <c>*</c>
/// (<c>monitor/*</c>), to <c>automatic</c>, <c>notify</c> or <c>off</c>; a rule not named takes the
/// mode of its finding's severity from <c>remediation.severity</c>. Automatic never means merged:
/// a person still reviews the change request.
/// </summary>
public sealed record RemediationSettings
{
    public static RemediationSettings Default { get; } = new();

    public SourceLocation? Location { get; init; }

    /// <summary>remediation.automatic: the mode per rule id or prefix (<c>policy/*</c>), as written.</summary>
    public IReadOnlyDictionary<string, RemediationMode> Automatic { get; init; } =
        new SortedDictionary<string, RemediationMode>(StringComparer.Ordinal);

    /// <summary>
    /// remediation.severity: the mode of a rule not named in <see cref="Automatic"/>, by its finding's
    /// severity. By default errors and critical findings are remediated (the planner only acts on
    /// those), warnings notify, infos do neither.
    /// </summary>
    public IReadOnlyDictionary<Severity, RemediationMode> BySeverity { get; init; } = new SortedDictionary<Severity, RemediationMode>
    {
        [Severity.Info] = RemediationMode.Off,
        [Severity.Warning] = RemediationMode.Notify,
        [Severity.Error] = RemediationMode.Automatic,
        [Severity.Critical] = RemediationMode.Automatic,
    };

    /// <summary>
    /// The mode of a finding: its rule id named exactly, else the longest prefix pattern that matches it
    /// (<c>monitor/*</c> before <c>*</c>), else its severity's default.
    /// </summary>
    public RemediationMode ModeOf(string ruleId, Severity severity)
    {
        if (Automatic.TryGetValue(ruleId, out var exact)) return exact;
        RemediationMode? best = null;
        var bestLength = -1;
        foreach (var (pattern, mode) in Automatic)
        {
            if (!pattern.EndsWith('*')) continue;
            var prefix = pattern[..^1];
            if (prefix.Length > bestLength && ruleId.StartsWith(prefix, StringComparison.Ordinal))
            {
                best = mode;
                bestLength = prefix.Length;
            }
        }
        return best ?? (BySeverity.TryGetValue(severity, out var bySeverity) ? bySeverity : RemediationMode.Off);
    }

    public static RemediationSettings Parse(NodeReader? reader)
    {
        if (reader is null) return Default;
        var bySeverity = new SortedDictionary<Severity, RemediationMode>(Default.BySeverity.ToDictionary());
        if (reader.Mapping("severity") is { } severities)
        {
            foreach (var (key, node) in severities.Entries())
            {
                var severity = key switch
                {
                    "info" => Severity.Info,
                    "warning" => Severity.Warning,
                    "error" => Severity.Error,
                    "critical" => Severity.Critical,
                    _ => throw severities.Error(node, severities.FieldPath(key), "unknown severity (info, warning, error, critical)"),
                };
                bySeverity[severity] = Mode(severities, key, node);
            }
        }
        var automatic = new SortedDictionary<string, RemediationMode>(StringComparer.Ordinal);
        if (reader.Mapping("automatic") is { } rules)
        {
            foreach (var (rule, node) in rules.Entries())
            {
                if (rule.Length == 0 || rule.IndexOf('*', StringComparison.Ordinal) is var star && star >= 0 && star != rule.Length - 1)
                    throw rules.Error(node, rules.FieldPath(rule), "expected a rule id, or a prefix ending in * (e.g. monitor/*)");
                automatic[rule] = Mode(rules, rule, node);
            }
        }
        return new RemediationSettings { Location = reader.Location, Automatic = automatic, BySeverity = bySeverity };
    }

    private static RemediationMode Mode(NodeReader reader, string key, YamlNode node)
    {
        // YAML 1.1 readers take a bare off for false; Steward reads YAML 1.2, where it is the word.
        var text = node is YamlScalarNode scalar && !YamlScalars.IsNull(scalar) ? scalar.Value : null;
        return text switch
        {
            "automatic" => RemediationMode.Automatic,
            "notify" => RemediationMode.Notify,
            "off" => RemediationMode.Off,
            _ => throw reader.Error(node, reader.FieldPath(key), $"expected automatic, notify or off, got {Describe(node)}"),
        };
    }

    private static string Describe(YamlNode node) => node is YamlScalarNode { Value: { } v } s && !YamlScalars.IsNull(s) ? $"\"{v}\"" : NodeReader.Describe(node);
}
