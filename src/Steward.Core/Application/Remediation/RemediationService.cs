using Steward.Core.Application.Audit;
using Steward.Core.Application.Check;
using Steward.Core.Findings;
using Steward.Core.GitOps.Remediation;
using Steward.Core.Governance;
using Steward.Core.Governance.Sources;

namespace Steward.Core.Application.Remediation;

/// <summary>
/// The remediation use case: findings become changes of the repository at HEAD (rollback, scale down,
/// pause), shown as patches or committed on steward/ branches, pushed, and recorded in the audit log.
/// Without given findings it acts on those of the check service for HEAD with the same inputs as
/// <c>steward check</c> (artifacts, monitor breaches), so that the gate and the remediation agree.
/// </summary>
public sealed class RemediationService(CheckService checks, AuditService audit)
{
    public RemediationRun Start(RemediationRequest request)
    {
        var git = new GitWorkspace(request.Folder);
        try
        {
            var findings = request.Findings ?? (request.FindingsFile is { } file ? FindingJson.ReadFile(file) : CheckHead(git, request));
            // Rollback targets are judged by the rules of the check (the policies, and the artifact digests when given).
            var plan = new RemediationPlanner(git, () => checks.Runner(request.Inputs)).Plan(findings);
            // Each record takes the store's writer turn when it is appended; the store is not held between commits.
            var log = request.Apply && request.AuditStore is { } address ? audit.Log(address) : null;
            return new RemediationRun(git, findings, plan, log);
        }
        catch
        {
            git.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The findings of the check of the committed HEAD (what the changes are made against), loaded with
    /// the folder as its root as <c>steward check --rev HEAD</c> does, so the rules that read files
    /// beside the repository (signatures, SBOMs, provenance) run too.
    /// </summary>
    private IReadOnlyList<Finding> CheckHead(GitWorkspace git, RemediationRequest request)
    {
        var head = RepositoryLoader.Load(new InMemorySource(request.Folder, git.Files(git.Head)), request.Folder);
        return checks.Check(head, request.Inputs).Findings;
    }
}
