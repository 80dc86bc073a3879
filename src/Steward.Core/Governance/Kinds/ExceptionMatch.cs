using System.Text.Json.Nodes;
using Steward.Core.Governance.Yaml;

namespace Steward.Core.Governance.Kinds;

/// <summary>
/// spec.match of a PolicyException: which finding subjects it covers. Every list given must
/// contain the subject's value; a list left out matches anything. Namespaces and names take
/// Gatekeeper's globs (a leading or trailing '*'); models are <c>name</c> or <c>name@version</c>.
/// </summary>
public sealed record ExceptionMatch
{
    public static ExceptionMatch Any { get; } = new();

    public IReadOnlyList<string> Kinds { get; init; } = [];
    public IReadOnlyList<string> Namespaces { get; init; } = [];
    public IReadOnlyList<string> Names { get; init; } = [];
    public IReadOnlyList<string> Models { get; init; } = [];

    /// <summary>A Kubernetes label selector (matchLabels, matchExpressions) on the subject's labels; null: any labels.</summary>
    public JsonObject? LabelSelector { get; init; }

    private static readonly string[] Operators = ["In", "NotIn", "Exists", "DoesNotExist"];

    public static ExceptionMatch Parse(NodeReader? match)
    {
        if (match is null) return Any;
        var selector = match.Mapping("labelSelector");
        if (selector is not null)
        {
            selector.StringMap("matchLabels");
            var expressions = selector.Sequence("matchExpressions");
            for (var i = 0; i < expressions.Count; i++)
            {
                var expression = selector.Child(expressions[i], $"matchExpressions[{i}]");
                expression.String("key", required: true);
                var op = expression.String("operator", required: true)!;
                if (!Operators.Contains(op))
                    throw expression.Error(expression.Get("operator")!, expression.FieldPath("operator"), $"unknown operator \"{op}\" (expected one of {string.Join(", ", Operators)})");
                expression.StringList("values");
            }
        }
        return new ExceptionMatch
        {
            Kinds = match.StringList("kinds"),
            Namespaces = match.StringList("namespaces"),
            Names = match.StringList("names"),
            Models = match.StringList("models"),
            LabelSelector = selector is null ? null : (JsonObject?)YamlScalars.ToJson(selector.Node),
        };
    }

    /// <summary>Whether matching reads the subject's object (its labels or the model it deploys).</summary>
    public bool ReadsObject => LabelSelector is not null || Models.Count > 0;

    /// <param name="labels">The labels of the subject's object; null when the subject is no object of the repository.</param>
    /// <param name="model">The model (and version) the subject's object deploys, when the finding does not name one.</param>
    public bool Matches(Findings.Subject subject, IReadOnlyDictionary<string, string>? labels, (string? Model, string? Version) model = default)
    {
        if (Kinds.Count > 0 && !Kinds.Contains(subject.Kind ?? "", StringComparer.Ordinal)) return false;
        if (Namespaces.Count > 0 && !Namespaces.Any(n => Policy.Gatekeeper.ConstraintMatch.Glob(n, subject.Namespace ?? ""))) return false;
        if (Names.Count > 0 && !Names.Any(n => Policy.Gatekeeper.ConstraintMatch.Glob(n, subject.Name ?? ""))) return false;
        var (deployed, version) = subject.Model is null ? model : (subject.Model, subject.ModelVersion);
        if (Models.Count > 0 && !Models.Any(m => ModelMatches(m, deployed, version))) return false;
        if (LabelSelector is { } selector)
        {
            if (labels is null) return false;
            var json = new JsonObject();
            foreach (var (key, value) in labels) json[key] = value;
            if (!Policy.Gatekeeper.ConstraintMatch.SelectorMatches(selector, json)) return false;
        }
        return true;
    }

    private static bool ModelMatches(string pattern, string? model, string? version)
    {
        if (model is null) return false;
        var at = pattern.IndexOf('@', StringComparison.Ordinal);
        return at < 0
            ? pattern == model
            : pattern[..at] == model && pattern[(at + 1)..] == version;
    }
}
