using Steward.Core.FinOps.Estimation;
using Steward.Core.Findings;
using Steward.Core.Governance;
using Steward.Core.Policy.Checks;
using Steward.Core.Policy.Exceptions;
using Steward.Core.Policy.Hierarchy;

namespace Steward.Core.Policy;

/// <summary>
/// Runs the built-in checks and the repository's policies over a loaded repository, applies the
/// rule settings of steward.yaml (disable a rule, change its severity) and sorts the findings.
/// </summary>
public sealed class CheckRunner
{
    private readonly IReadOnlyList<ICheck> _checks;
    private readonly IPolicyEvaluator? _policies;
    private readonly TimeProvider _clock;

    /// <param name="clock">The time PolicyExceptions are judged at (expired, expiring); the system's by default.</param>
    public CheckRunner(IReadOnlyList<ICheck>? checks = null, IPolicyEvaluator? policies = null, TimeProvider? clock = null)
    {
        _checks = checks ?? BuiltInChecks.All;
        _policies = policies;
        _clock = clock ?? TimeProvider.System;
    }

    public CheckResult Run(GovernanceRepository repository, GovernanceRepository? baseline = null, CancellationToken cancellationToken = default)
    {
        // The policies and the built-in checks only read the repository: the policies are evaluated
        // while the built-in checks run (which use one core), and their findings are taken in the
        // same place of the list as before, so the result does not change.
        using var stopPolicies = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var policies = _policies;
        var policyRun = policies is not null && repository.Policies.Any(p => !p.IsTest)
            ? Task.Run(() => policies.Evaluate(repository, stopPolicies.Token).ToList(), stopPolicies.Token)
            : null;
        var findings = new List<Finding>();
        var rules = new List<RuleDescriptor>();
        CheckContext context;
        try
        {
            context = RunBuiltIn(repository, findings, rules, cancellationToken);
        }
        catch
        {
            // As before, a failing built-in check ends the run before any policy: stop them, and observe their end.
            stopPolicies.Cancel();
            if (policyRun is not null) WaitQuietly(policyRun);
            throw;
        }
        var settings = repository.Settings;

        if (policyRun is not null)
        {
            foreach (var finding in policyRun.GetAwaiter().GetResult())
            {
                var setting = settings.RuleSetting(finding.RuleId);
                if (setting.Enabled)
                    findings.Add(setting.Severity is { } severity ? finding with { Severity = severity } : finding);
            }
            rules.AddRange(policies!.Rules(repository));
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

        findings = ApplyHierarchy(repository, findings, rules);
        findings = ApplyExceptions(repository, findings, rules);
        findings.Sort(FindingOrder.Instance);
        var counts = CheckSummary.Count(findings);
        var summary = new CheckSummary(
            counts.Errors,
            counts.Warnings,
            counts.Infos,
            repository.AllObjects.Count(),
            context.Workloads.Count,
            repository.Models.Count,
            repository.Budgets.Count,
            repository.Monitors.Count,
            repository.Policies.Count(p => !p.IsTest)) { Suppressed = counts.Suppressed };

        CostChange? change = null;
        if (baseline is not null)
        {
            var baseCost = new CheckContext(baseline).Cost;
            change = CostChange.Between(baseCost, context.Cost);
        }
        var distinctRules = rules.GroupBy(r => r.Id, StringComparer.Ordinal).Select(g => g.First()).OrderBy(r => r.Id, StringComparer.Ordinal).ToList();
        return new CheckResult(repository.DisplayName, findings, distinctRules, summary, context.Cost, change);
    }

    /// <summary>The built-in checks and the reading findings, with the rule settings of steward.yaml applied.</summary>
    private CheckContext RunBuiltIn(GovernanceRepository repository, List<Finding> findings, List<RuleDescriptor> rules, CancellationToken cancellationToken)
    {
        var context = new CheckContext(repository);
        var settings = repository.Settings;
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
        return context;
    }

    /// <summary>Waits for a run whose result is no longer wanted, whatever its end (its exception is not the one reported).</summary>
    private static void WaitQuietly(Task run)
    {
        try
        {
            run.Wait();
        }
        catch (AggregateException)
        {
            // Cancelled or failed after the run had already failed: the first failure is the one reported.
        }
    }

    /// <summary>The team and project PolicySets over every finding (<see cref="PolicyHierarchy"/>), and the relaxations they were refused.</summary>
    private static List<Finding> ApplyHierarchy(GovernanceRepository repository, List<Finding> findings, List<RuleDescriptor> rules)
    {
        var hierarchy = PolicyHierarchy.For(repository);
        if (hierarchy.IsEmpty) return findings;
        var objects = SubjectObjects.Of(repository);
        var conflicts = new Dictionary<(string, string), Finding>();
        var result = new List<Finding>(findings.Count);
        foreach (var finding in findings)
        {
            if (hierarchy.Resolve(finding, objects, [], conflicts) is { } kept) result.Add(kept);
        }
        result.AddRange(conflicts.Values);
        result.AddRange(ThresholdHierarchy.For(repository).Conflicts());
        rules.Add(PolicyHierarchy.ConflictDescriptor);
        return result;
    }

    /// <summary>The repository's PolicyExceptions over every finding (<see cref="ExceptionEvaluation"/>), and what they say about themselves.</summary>
    private List<Finding> ApplyExceptions(GovernanceRepository repository, List<Finding> findings, List<RuleDescriptor> rules)
    {
        var evaluation = ExceptionEvaluation.For(repository, _clock.GetUtcNow());
        if (evaluation.IsEmpty) return findings;
        var used = new HashSet<string>(StringComparer.Ordinal);
        var result = evaluation.Suppress(findings, SubjectObjects.Of(repository), used);
        foreach (var finding in evaluation.StatusFindings(used))
        {
            var setting = repository.Settings.RuleSetting(finding.RuleId);
            if (setting.Enabled)
                result.Add(setting.Severity is { } severity ? finding with { Severity = severity } : finding);
        }
        rules.AddRange(ExceptionFindings.Rules.Where(r => repository.Settings.RuleSetting(r.Id).Enabled));
        return result;
    }
}
