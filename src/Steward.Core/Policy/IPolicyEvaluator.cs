using Steward.Core.Findings;
using Steward.Core.Governance;
using Steward.Core.Policy.Checks;

namespace Steward.Core.Policy;

/// <summary>Evaluates the repository's own policies (policies/**.rego) into findings.</summary>
public interface IPolicyEvaluator
{
    /// <summary>The rules the policies define (for SARIF and JUnit), known after evaluation.</summary>
    IEnumerable<RuleDescriptor> Rules(GovernanceRepository repository);

    IEnumerable<Finding> Evaluate(GovernanceRepository repository, CancellationToken cancellationToken);
}
