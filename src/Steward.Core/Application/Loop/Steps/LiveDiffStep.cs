using System.Text.Json.Nodes;
using Steward.Core.Application.Admission;
using Steward.Core.Application.LiveDiff;
using Steward.Core.GitOps;
using Steward.Core.GitOps.Diff;
using Steward.Core.GitOps.Live;
using Steward.Core.Governance;

namespace Steward.Core.Application.Loop.Steps;

/// <summary>
/// <c>live-diff</c> (with <c>--cluster</c>): the revision's objects compared with the cluster's live
/// ones as <c>steward diff --cluster</c> compares them (drift, missing, extra), then the live objects
/// fetched audited against the rules and policies (<see cref="LiveObjectAudit"/>), from the same
/// fetch. An unreachable cluster fails the step, not the run.
/// </summary>
/// <param name="live">Makes the live-state source at each run (a rotated kubeconfig or token is read anew).</param>
/// <param name="prepare">Prepares the revision for reviews (the application's <c>PrepareAdmission</c>).</param>
public sealed class LiveDiffStep(LiveDiffService diff, Func<ILiveStateSource> live, Func<GovernanceRepository, AdmissionRevision> prepare) : ILoopStep
{
    public const string StepName = "live-diff";

    public string Name => StepName;

    public async Task<LoopStepOutcome> RunAsync(LoopContext context, CancellationToken cancellationToken)
    {
        var source = new Recording(live());
        var report = await diff.DiffAsync(context.Repository, source, cancellationToken).ConfigureAwait(false);
        var drift = DiffFindings.From(report).ToList();
        var audited = LiveObjectAudit.Audit(prepare(context.Repository), source.Fetched, source.DisplayName, cancellationToken);
        List<Findings.Finding> findings = [.. drift, .. audited];
        context.Add(findings);
        int Count(SyncStatus status) => report.Objects.Count(o => o.Status == status);
        var summary = $"{report.Objects.Count} object(s) against {source.DisplayName}: {Count(SyncStatus.Synced)} synced, {Count(SyncStatus.OutOfSync)} out of sync, "
            + $"{Count(SyncStatus.Missing)} missing, {Count(SyncStatus.Extra)} extra; {source.Fetched.Count} live object(s) audited, {audited.Count} finding(s)";
        return new LoopStepOutcome(Name, LoopStepStatus.Succeeded, summary) { Findings = findings };
    }

    /// <summary>Keeps what the diff fetched, so that the audit reads the same objects without a second round of API calls.</summary>
    private sealed class Recording(ILiveStateSource inner) : ILiveStateSource
    {
        public string DisplayName => inner.DisplayName;

        public IReadOnlyList<JsonObject> Fetched { get; private set; } = [];

        public async Task<IReadOnlyList<JsonObject>> FetchAsync(IReadOnlyCollection<ObjectIdentity> desired, CancellationToken cancellationToken)
        {
            // The differ normalizes copies; the audit gets its own deep copies all the same.
            var fetched = await inner.FetchAsync(desired, cancellationToken).ConfigureAwait(false);
            Fetched = [.. fetched.Select(o => (JsonObject)o.DeepClone())];
            return fetched;
        }
    }
}
