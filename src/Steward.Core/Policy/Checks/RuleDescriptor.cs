using Steward.Core.Findings;

namespace Steward.Core.Policy.Checks;

/// <summary>What a rule is, for reports (SARIF rules, JUnit suites) and the rule reference.</summary>
public sealed record RuleDescriptor(string Id, Severity DefaultSeverity, Category Category, string Title, string HelpText);
