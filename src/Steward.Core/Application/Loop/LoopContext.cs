using Steward.Core.Findings;
using Steward.Core.Governance;
using Steward.Core.Policy;

namespace Steward.Core.Application.Loop;

/// <summary>
/// What one run of the control loop works on: the revision it judges, the store, the time window
/// that closed since the previous run, and the findings gathered so far (steps run in order, so a
/// later step, remediation, sees the findings of the earlier ones).
/// </summary>
public sealed class LoopContext
{
    /// <summary>The revision of the governance repository this run judges (the server's current one).</summary>
    public required GovernanceRepository Repository { get; init; }

    /// <summary>The folder the revision was read from (a Git work tree when remediation commits).</summary>
    public required string RepositoryRoot { get; init; }

    /// <summary>The revision's id as the server reports it (commit + content hash).</summary>
    public required string RevisionId { get; init; }

    /// <summary>The check of the revision made when it was loaded, when there is one.</summary>
    public CheckResult? Check { get; init; }

    /// <summary>The Steward store (a DuckDB file path).</summary>
    public required string Store { get; init; }

    /// <summary>The end of the previous run's window; null on the first run.</summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary>The end of this run's window (the time the run started).</summary>
    public required DateTimeOffset Until { get; init; }

    /// <summary>What triggered the run: <c>interval</c>, <c>hook</c> (a Git push), <c>start</c>.</summary>
    public string Trigger { get; init; } = "interval";

    private readonly List<Finding> _findings = [];

    /// <summary>The findings of the steps that ran so far in this run.</summary>
    public IReadOnlyList<Finding> Findings => _findings;

    public void Add(IEnumerable<Finding> findings) => _findings.AddRange(findings);
}
