using Steward.Core.Findings;
using Steward.Core.Governance;
using Steward.Rego.Evaluation;

namespace Steward.Core.Policy.Gatekeeper;

/// <summary>
/// The repository's constraints over its manifests, as <c>steward check</c> runs them: every
/// Kubernetes object but templates and constraints is reviewed as a CREATE of it, with the actions
/// constraints take at gator's enforcement point (the shift-left check of manifests), within the
/// policies' limits and one budget for the whole run (policies.limits.runTimeout), as Rego policies are.
/// </summary>
public static class GatekeeperCheck
{
    public static IReadOnlyList<Finding> Run(GatekeeperPolicies policies, GovernanceRepository repository, CancellationToken cancellationToken)
    {
        var settings = repository.Settings;
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(settings.PolicyLimits.RunTimeout);
        var options = new EvalOptions { Limits = settings.PolicyLimits.ToEvalLimits(), CancellationToken = budget.Token };

        var findings = new List<Finding>(policies.ConstraintFindings);
        var objects = repository.Manifests.Where(o => !GatekeeperKinds.IsGatekeeperObject(o)).ToList();
        for (var i = 0; i < objects.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var obj = objects[i];
            if (budget.IsCancellationRequested
                || !policies.Review(GatekeeperReview.Create(obj.Json), obj, GatekeeperKinds.GatorPoint, GatekeeperConfig.AuditProcess, settings, options, findings, budget.Token))
            {
                cancellationToken.ThrowIfCancellationRequested();
                findings.Add(Rego.RegoPolicyEvaluator.BudgetExhausted(obj, objects.Count - i, objects.Count, settings.PolicyLimits.RunTimeout));
                break;
            }
        }
        return findings;
    }
}
