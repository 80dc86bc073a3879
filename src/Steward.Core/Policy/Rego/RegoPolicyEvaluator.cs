using Steward.Core.Findings;
using Steward.Core.Governance;
using Steward.Core.Policy.Checks;
using Steward.Rego.Evaluation;
using Steward.Rego.Values;

namespace Steward.Core.Policy.Rego;

/// <summary>
/// Runs the repository's policies over every object of the repository, the input in turn, within
/// one budget for the whole run (policies.limits.runTimeout). The policies are compiled once
/// (<see cref="CompiledPolicies"/>, which also states the conventions); the subject of a finding is
/// the object's file and line.
/// </summary>
public sealed class RegoPolicyEvaluator : IPolicyEvaluator
{
    /// <summary>The rule id of the finding that says the whole run's budget ran out.</summary>
    public const string BudgetRuleId = "policy-budget";

    private readonly TimeSpan? _timeout;

    /// <param name="timeout">Budget of one query; null takes <c>policies.limits.timeout</c> of steward.yaml.</param>
    public RegoPolicyEvaluator(TimeSpan? timeout = null) => _timeout = timeout;

    public IEnumerable<RuleDescriptor> Rules(GovernanceRepository repository) => CompiledPolicies.RulesOf(repository);

    public IEnumerable<Finding> Evaluate(GovernanceRepository repository, CancellationToken cancellationToken) =>
        Evaluate(CompiledPolicies.Compile(repository), repository, cancellationToken);

    /// <summary>Evaluates policies compiled earlier (e.g. once per served revision) over every object of the repository.</summary>
    public IReadOnlyList<Finding> Evaluate(CompiledPolicies policies, GovernanceRepository repository, CancellationToken cancellationToken)
    {
        var settings = repository.Settings;
        var limits = settings.PolicyLimits.ToEvalLimits();
        if (_timeout is { } timeout) limits = limits with { Timeout = timeout };
        // One budget for the whole run: a pull request's policies cannot hold the job longer than this.
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(settings.PolicyLimits.RunTimeout);
        var options = new EvalOptions { Limits = limits, CancellationToken = budget.Token };

        var objects = repository.AllObjects.ToList();
        // Objects are independent inputs of policies compiled once (the engine evaluates concurrently):
        // on all cores, with the findings and the budget's verdict as in one walk in object order.
        var run = OrderedEvaluation.Run(objects,
            (obj, findings) => policies.Evaluate(obj, ToInput(obj), admission: null, options, findings, budget.Token),
            budget.Token, cancellationToken);
        if (run.StoppedAt >= 0)
        {
            // The run's budget ran out before or during this object: it counts among those not evaluated.
            run.Findings.Add(BudgetExhausted(objects[run.StoppedAt], objects.Count - run.StoppedAt, objects.Count, settings.PolicyLimits.RunTimeout));
        }
        return run.Findings;
    }

    /// <summary>The object as policy input: for a manifest, the value data.steward.manifests holds too.</summary>
    private static RegoValue ToInput(RepositoryObject obj) => obj.PolicyInput;

    /// <summary>One finding for every object the run's budget left unevaluated.</summary>
    internal static Finding BudgetExhausted(RepositoryObject first, int remaining, int total, TimeSpan runTimeout)
    {
        var seconds = runTimeout.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new Finding
        {
            RuleId = BudgetRuleId,
            Severity = Severity.Error,
            Category = Category.Policy,
            Subject = Subjects.Of(first),
            Message = $"policy budget exhausted: the policies were stopped after {seconds}s (policies.limits.runTimeout); {remaining} of {total} objects were not fully evaluated, from {first.Kind} {first.Name} on",
            Evidence = new SortedDictionary<string, object?>(StringComparer.Ordinal)
            {
                ["notEvaluated"] = remaining,
                ["objects"] = total,
                ["runTimeoutSeconds"] = runTimeout.TotalSeconds,
            },
            SuggestedAction = "Find the slow policy (steward policy eval with --timeout), or raise policies.limits.runTimeout in steward.yaml.",
        };
    }
}
