using Steward.Core.Governance;
using Steward.Core.Policy;
using Steward.Core.Reporting;

namespace Steward.Core.Application.Check;

/// <summary>A check's result, the repository it ran on, and how its paths are reported.</summary>
public sealed class CheckOutcome(CheckResult result, GovernanceRepository repository)
{
    private ReportOptions? _reportOptions;

    public CheckResult Result { get; } = result;

    public GovernanceRepository Repository { get; } = repository;

    /// <summary>How the formats name files (worked out on first use: the table never needs the Git work tree).</summary>
    public ReportOptions ReportOptions => _reportOptions ??= CheckService.ReportOptionsFor(Repository);
}
