using Steward.Core.Findings;

namespace Steward.Core.Policy.Checks;

/// <summary>A built-in rule of <c>steward check</c>.</summary>
public interface ICheck
{
    RuleDescriptor Rule { get; }

    IEnumerable<Finding> Run(CheckContext context);
}
