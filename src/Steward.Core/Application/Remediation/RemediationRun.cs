using Steward.Core.Application.Audit;
using Steward.Core.Findings;
using Steward.Core.GitOps.Audit;
using Steward.Core.GitOps.Remediation;

namespace Steward.Core.Application.Remediation;

/// <summary>
/// One remediation run: the findings it acted on, the plan, and the steps to carry it out one change
/// at a time (so that a caller reports each step as it happens). Holds the Git repository and, when
/// applying, the audit log (whose appends open the store each time), until disposed.
/// </summary>
public sealed class RemediationRun : IDisposable
{
    private readonly GitWorkspace _git;
    private readonly AuditLog? _audit;

    internal RemediationRun(GitWorkspace git, IReadOnlyList<Finding> findings, RemediationPlan plan, AuditLog? audit)
    {
        _git = git;
        Findings = findings;
        Plan = plan;
        _audit = audit;
    }

    /// <summary>The findings the plan was made from: those given, or those of the check of HEAD.</summary>
    public IReadOnlyList<Finding> Findings { get; }

    public RemediationPlan Plan { get; }

    /// <summary>The branch checked out at HEAD, which the changes are made from (a change request's target).</summary>
    public string DefaultBranch => _git.DefaultBranch;

    /// <summary>Whether the repository has a remote of this name to push to.</summary>
    public bool HasRemote(string name) => _git.HasRemote(name);

    /// <summary>The unified diff of a change against HEAD, as <c>git diff</c> prints it.</summary>
    public string Patch(ProposedChange change) => _git.Patch(change.NewFiles);

    /// <summary>Commits a change on its own branch from HEAD; a new commit is recorded in the audit log.</summary>
    public CommittedChange Commit(ProposedChange change)
    {
        var (status, sha) = _git.CommitOnBranch(change.Branch, change.NewFiles, change.CommitMessage());
        var committed = new CommittedChange(change.Branch, status, sha);
        if (committed.Created)
            _audit?.Append("remediation", AuditService.RemediationEntry(change.Branch, sha, change.Action, change.Title, change.Finding));
        return committed;
    }

    /// <summary>Pushes a committed change's branch (never forced); a push that happened is recorded in the audit log.</summary>
    /// <returns>"pushed", or "up-to-date" when the remote already has the commit.</returns>
    public string Push(CommittedChange change, string remote)
    {
        var pushed = _git.Push(remote, change.Branch);
        if (pushed == "pushed")
            _audit?.Append("push", AuditService.PushEntry(change.Branch, change.Sha, remote, pushed));
        return pushed;
    }

    public void Dispose()
    {
        _git.Dispose();
    }
}
