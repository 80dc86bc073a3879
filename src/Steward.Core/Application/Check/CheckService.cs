using Steward.Core.Alignment.Ingest;
using Steward.Core.Alignment.Monitoring;
using Steward.Core.Application.Audit;
using Steward.Core.FinOps.Tokens;
using Steward.Core.Findings;
using Steward.Core.Governance;
using Steward.Core.Governance.Sources;
using Steward.Core.Policy;
using Steward.Core.Policy.Checks;
using Steward.Core.Policy.Exceptions;
using Steward.Core.Reporting;
using Steward.Core.Storage;
using Steward.Core.SupplyChain.Checks;

namespace Steward.Core.Application.Check;

/// <summary>
/// The check use case: the built-in rules (the supply-chain ones with the artifacts folder), the
/// repository's Rego policies, the open monitor breaches of a store, and the audit record. The CLI's
/// <c>check</c>, <c>remediate</c> (its findings) and the server's findings endpoint all go through here.
/// </summary>
public sealed class CheckService(ApplicationOptions options, AuditService audit)
{
    /// <summary>Loads the repository as asked, checks it, and records the verdict when asked to.</summary>
    public CheckOutcome Check(CheckRequest request, CancellationToken cancellationToken = default)
    {
        var repository = request.Revision is null
            ? RepositoryLoader.LoadFolder(request.Folder, rendered: request.Rendered)
            : RepositoryLoader.LoadRevision(request.Folder, request.Revision, rendered: request.Rendered);
        RepositoryScan.RequireObjects(repository);
        var baseline = request.BaseRevision is { } b ? RepositoryLoader.LoadRevision(request.Folder, b, "--base") : null;
        var result = Check(repository, request.Inputs, baseline, cancellationToken);
        if (request.AuditStore is { } store)
            audit.RecordCheck(store, result, request.Revision);
        return new CheckOutcome(result, repository);
    }

    /// <summary>Checks a repository loaded by the caller (the server loads and keeps its revisions itself).</summary>
    /// <param name="baseline">The revision the cost change is computed against; null: no cost change.</param>
    public CheckResult Check(GovernanceRepository repository, CheckInputs? inputs = null, GovernanceRepository? baseline = null, CancellationToken cancellationToken = default)
    {
        inputs ??= CheckInputs.None;
        var result = Runner(inputs).Run(repository, baseline, cancellationToken);
        return inputs.MonitorStore is { } store ? WithStoreFindings(result, repository, store, options.Clock.GetUtcNow()) : result;
    }

    /// <summary>
    /// The rules and policies a check runs, for callers that re-check edited repositories (the
    /// remediation planner judges rollback targets with the same rules as the check).
    /// </summary>
    public CheckRunner Runner(CheckInputs inputs) => new(
        BuiltInChecks.Create(new SupplyChainCheckOptions { ArtifactsDirectory = inputs.ArtifactsDirectory }),
        options.PolicyEvaluatorFactory(),
        options.Clock);

    /// <summary>
    /// Adds what the store says about the repository's deployed models, so that CI fails while a deployed model
    /// breaches or costs more than its catalog allows: the breaches of the latest window that <c>steward monitor run</c>
    /// stored for each Monitor whose model version a workload deploys, and the cost-per-inference and
    /// cost-per-token findings of the ModelVersions that declare such a price (<see cref="StoreCostCheck"/>). The policy hierarchy and the
    /// PolicyExceptions govern them as the check's own findings, at <paramref name="now"/> (<see cref="AddedFindings"/>).
    /// </summary>
    public static CheckResult WithStoreFindings(CheckResult result, GovernanceRepository repository, string storePath, DateTimeOffset now)
    {
        var breaches = ReadOpenMonitorBreaches(repository, storePath);
        var (costs, costRules) = StoreCostCheck.Read(repository, storePath);
        var rules = breaches.Select(f => f.RuleId).Distinct(StringComparer.Ordinal).Select(MonitorFindings.Rule).Concat(costRules).ToList();
        return AddedFindings.Govern(result, repository, [.. breaches, .. costs], rules, now);
    }

    /// <summary>The open monitor breaches of the store for the workloads of <paramref name="repository"/> (what <see cref="WithStoreFindings"/> adds).</summary>
    public static IReadOnlyList<Finding> ReadOpenMonitorBreaches(GovernanceRepository repository, string storePath)
    {
        // Reading should not leave an empty store behind a mistyped path.
        using var opened = Stores.OpenExisting(storePath, $"run `steward monitor run --store {storePath}` first, or leave out --store", AlignmentSchema.Module);
        return [.. new OpenMonitorBreaches(opened).Read(repository)];
    }

    /// <summary>
    /// How the findings of <paramref name="repository"/> name their files: relative to the root of the
    /// Git work tree around the repository folder (what CI systems and SARIF viewers resolve), the parts
    /// of rendered streams under their own names.
    /// </summary>
    public static ReportOptions ReportOptionsFor(GovernanceRepository repository) => new()
    {
        PathPrefix = repository.Root is { } root ? GitWorkTree.FolderPrefix(root) ?? "" : "",
        OutsideFiles = repository.Scan.RenderedFiles,
    };
}
