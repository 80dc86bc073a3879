using Steward.Core.Application.Check;
using Steward.Core.Findings;

namespace Steward.Core.Application.Remediation;

/// <summary>What <c>steward remediate</c> is asked: which repository, which findings, and whether to commit.</summary>
public sealed record RemediationRequest
{
    /// <summary>The governance repository: a folder in a Git work tree (changes are planned against its HEAD).</summary>
    public required string Folder { get; init; }

    /// <summary>The findings to act on; null: those of <see cref="FindingsFile"/>, or else the findings of the check of HEAD.</summary>
    public IReadOnlyList<Finding>? Findings { get; init; }

    /// <summary>A file of findings to act on (<c>--findings</c>, JSON as <c>steward check --format json</c> writes), read when <see cref="Findings"/> is null.</summary>
    public string? FindingsFile { get; init; }

    /// <summary>What the check of HEAD reads besides the repository: the same inputs as <c>steward check</c>.</summary>
    public CheckInputs Inputs { get; init; } = CheckInputs.None;

    /// <summary>Create commits and branches (<c>--apply</c>); otherwise only plan and show the patches.</summary>
    public bool Apply { get; init; }

    /// <summary>With <see cref="Apply"/>, the store whose audit log records each commit and push; null: none.</summary>
    public string? AuditStore { get; init; }
}
