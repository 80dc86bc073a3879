using Steward.Core.Findings;
using Steward.Core.Governance;

namespace Steward.Core.Policy.Checks;

/// <summary>
/// The rules of what reading the repository found (<see cref="ReadingFindings"/>). They are
/// reported like the built-in checks, and listed in a report only when they found something.
/// </summary>
public static class ReadingRules
{
    public static IReadOnlyList<RuleDescriptor> All { get; } =
    [
        new(ReadingFindings.DuplicateKey, Severity.Warning, Category.GitOps,
            "A YAML mapping does not repeat a key",
            "kubectl keeps the last value of a repeated key, other tools the first or none: the object applied may not be the one reviewed."),
        new(ReadingFindings.DuplicateObject, Severity.Warning, Category.GitOps,
            "One file or rendered stream defines an object once",
            "Applied together, the last definition silently replaces the first."),
        new(ReadingFindings.HelmChart, Severity.Info, Category.GitOps,
            "Helm chart templates are checked once rendered",
            "Templates are not YAML until Helm renders them; pipe `helm template` into `steward check --manifests -`."),
        new(ReadingFindings.Skipped, Severity.Info, Category.GitOps,
            "Files that are not manifests are named when skipped",
            "A discovered YAML/JSON file that does not parse, or holds half an object, is passed over: say so rather than guess."),
    ];

    /// <summary>The descriptor of a reading rule; an unknown id (a future YAML diagnostic) gets a generic one.</summary>
    public static RuleDescriptor For(Finding finding) =>
        All.Concat(Exceptions.ExceptionFindings.Rules).FirstOrDefault(r => r.Id == finding.RuleId)
        ?? new RuleDescriptor(finding.RuleId, finding.Severity, finding.Category, "YAML is read without surprises", finding.Message);
}
