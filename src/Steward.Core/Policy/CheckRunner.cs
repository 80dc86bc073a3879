using Steward.Core.FinOps.Estimation;
using Steward.Core.Findings;
using Steward.Core.Governance;
using Steward.Core.Policy.Checks;

namespace Steward.Core.Policy;

/// <summary>
/// Runs the built-in checks and the repository's policies over a loaded repository, applies the
/// rule settings of steward.yaml (disable a rule, change its severity) and sorts the findings.
/// </summary>
public sealed class CheckRunner
{
    private readonly IReadOnlyList<ICheck> _checks;
    private readonly IPolicyEvaluator? _policies;

    public CheckRunner(IReadOnlyList<ICheck>? checks = null, IPolicyEvaluator? policies = null)
    {
        _checks = checks ?? BuiltInChecks.All;
        _policies = policies;
    }

    public CheckResult Run(GovernanceRepository repository, GovernanceRepository? baseline = null, CancellationToken cancellationToken = default)
    {
        var context = new CheckContext(repository);
        var settings = repository.Settings;
        var findings = new List<Finding>();
        var rules = new List<RuleDescriptor>();
        foreach (var check in _checks)
        {
            var setting = settings.RuleSetting(check.Rule.Id);
            if (!setting.Enabled) continue;
            rules.Add(setting.Severity is { } s ? check.Rule with { DefaultSeverity = s } : check.Rule);
            cancellationToken.ThrowIfCancellationRequested();
            foreach (var finding in check.Run(context))
                findings.Add(setting.Severity is { } severity ? finding with { Severity = severity } : finding);
        }

        foreach (var finding in repository.ReadingFindings)
        {
            var setting = settings.RuleSetting(finding.RuleId);
            if (!setting.Enabled) continue;
            findings.Add(setting.Severity is { } severity ? finding with { Severity = severity } : finding);
            var rule = ReadingRules.For(finding);
            rules.Add(setting.Severity is { } s ? rule with { DefaultSeverity = s } : rule);
        }

        if (_policies is not null && repository.Policies.Any(p => !p.IsTest))
        {
            foreach (var finding in _policies.Evaluate(repository, cancellationToken))
            {
                var setting = settings.RuleSetting(finding.RuleId);
                if (setting.Enabled)
                    findings.Add(setting.Severity is { } severity ? finding with { Severity = severity } : finding);
            }
            rules.AddRange(_policies.Rules(repository));
        }

        // Gatekeeper's ConstraintTemplates and constraints are the repository's policies too (off with them).
        if (_policies is not null && Gatekeeper.GatekeeperPolicies.Compile(repository) is { } gatekeeper)
        {
            foreach (var finding in Gatekeeper.GatekeeperCheck.Run(gatekeeper, repository, cancellationToken))
            {
                var setting = settings.RuleSetting(finding.RuleId);
                if (setting.Enabled)
                    findings.Add(setting.Severity is { } severity ? finding with { Severity = severity } : finding);
            }
            rules.AddRange(gatekeeper.Rules);
        }

        findings.Sort(FindingOrder.Instance);
        var summary = new CheckSummary(
            findings.Count(f => f.Severity >= Severity.Error),
            findings.Count(f => f.Severity == Severity.Warning),
            findings.Count(f => f.Severity == Severity.Info),
            repository.AllObjects.Count(),
            context.Workloads.Count,
            repository.Models.Count,
            repository.Budgets.Count,
            repository.Monitors.Count,
            repository.Policies.Count(p => !p.IsTest));

        CostChange? change = null;
        if (baseline is not null)
        {
            var baseCost = new CheckContext(baseline).Cost;
            change = CostChange.Between(baseCost, context.Cost);
        }
        var distinctRules = rules.GroupBy(r => r.Id, StringComparer.Ordinal).Select(g => g.First()).OrderBy(r => r.Id, StringComparer.Ordinal).ToList();
        return new CheckResult(repository.DisplayName, findings, distinctRules, summary, context.Cost, change);
    }
}
