using Steward.Core.Application.Remediation;
using Steward.Core.Findings;
using Steward.Core.GitOps.Forges;
using Steward.Core.Governance.Kinds;
using Steward.Core.Notifications;

namespace Steward.Core.Application.Loop.Steps;

/// <summary>
/// <c>remediation</c>: the run's findings, each sorted by <c>remediation.automatic</c> (steward.yaml).
/// Automatic ones go to the remediation service as <c>steward remediate --apply --push</c> sends them:
/// committed on steward/ branches, pushed to the remote (when the repository has it), and, when a forge
/// is configured, a change request opened for each branch (an existing one is reused); what the planner
/// cannot change is left to people. Those, and the findings set to notify, are sent to every notifier,
/// once: a finding notified by an earlier run is not sent again while it stays open.
/// A forge or notifier that fails fails the step after the others were tried.
/// </summary>
/// <param name="remote">The remote the branches are pushed to (the clone's origin for a Git URL).</param>
public sealed class RemediationStep(RemediationService remediation, IForge? forge, IReadOnlyList<INotifier> notifiers, string remote, LoopMemory memory) : ILoopStep
{
    public const string StepName = "remediation";

    public string Name => StepName;

    public async Task<LoopStepOutcome> RunAsync(LoopContext context, CancellationToken cancellationToken)
    {
        var settings = context.Repository.Settings.Remediation;
        var automatic = new List<Finding>();
        var notify = new List<Finding>();
        foreach (var finding in context.Findings.Order(FindingOrder.Instance))
        {
            switch (settings.ModeOf(finding.RuleId, finding.Severity))
            {
                case RemediationMode.Automatic: automatic.Add(finding); break;
                case RemediationMode.Notify: notify.Add(finding); break;
            }
        }

        var errors = new List<string>();
        var report = new Report();
        if (automatic.Count > 0)
        {
            try
            {
                await RemediateAsync(context, automatic, notify, report, errors, cancellationToken).ConfigureAwait(false);
            }
            catch (StewardInputException e)
            {
                // No commits possible (no Git work tree, a refused push): people hear of every automatic finding instead.
                errors.Add(e.Message);
                notify.AddRange(automatic.Where(f => !report.Remediated.Contains(f)));
            }
        }

        notify = [.. notify.DistinctBy(FindingKey.Of)];
        var fresh = notify.Where(f => !memory.Notified.Contains(FindingKey.Of(f))).ToList();
        var delivered = true;
        if (fresh.Count > 0 && notifiers.Count > 0)
        {
            var worst = fresh.Max(f => f.Severity);
            var lines = fresh.Take(10).Select(f => $"[{f.RuleId}] {f.Message}");
            var more = fresh.Count > 10 ? $"\n... and {fresh.Count - 10} more" : "";
            delivered = await NotifyAsync(new Notification($"Steward: {fresh.Count} finding(s) need a person", string.Join("\n", lines) + more, worst, fresh)
            {
                RevisionId = context.RevisionId,
            }, errors, cancellationToken).ConfigureAwait(false);
        }
        // Remembered only once told (a failed delivery is tried again next run); a finding gone from this run is forgotten.
        if (delivered)
            memory.Notified = notify.Select(FindingKey.Of).ToHashSet(StringComparer.Ordinal);

        var told = notifiers.Count == 0 ? "no notifier configured" : $"{fresh.Count} new notified";
        var pushedText = report.NoRemote ? $"not pushed (no remote {remote})" : $"{report.Pushed} branch(es) pushed";
        var forgeText = forge is null ? "no forge configured" : $"{report.Opened} change request(s) opened, {report.AlreadyOpen} already open";
        var summary = $"{automatic.Count} automatic, {notify.Count} to notify ({told}); {report.Changes} change(s): {report.Created} new commit(s), {pushedText}, {forgeText}";
        if (errors.Count > 0)
            return LoopStepOutcome.Failed(Name, summary + "; " + string.Join("; ", errors));
        return new LoopStepOutcome(Name, LoopStepStatus.Succeeded, summary);
    }

    private async Task RemediateAsync(LoopContext context, List<Finding> automatic, List<Finding> notify, Report report, List<string> errors, CancellationToken cancellationToken)
    {
        using var run = remediation.Start(new RemediationRequest
        {
            Folder = context.RepositoryRoot,
            Findings = automatic,
            Apply = true,
            AuditStore = context.Store,
        });
        // What the planner cannot change is a person's job.
        notify.AddRange(run.Plan.Skipped.Select(s => s.Finding));
        report.NoRemote = !run.HasRemote(remote);
        foreach (var change in run.Plan.Changes)
        {
            cancellationToken.ThrowIfCancellationRequested();
            report.Changes++;
            var committed = run.Commit(change);
            report.Remediated.Add(change.Finding);
            if (committed.Created) report.Created++;
            if (report.NoRemote) continue;
            var pushed = run.Push(committed, remote);
            if (pushed == "pushed") report.Pushed++;
            string? link = null;
            var isNew = pushed == "pushed";
            if (forge is not null)
            {
                try
                {
                    var request = await forge.OpenAsync(new ChangeRequestDraft(change.Branch, run.DefaultBranch, "steward: " + change.Title, change.CommitMessage())
                    {
                        Labels = ["steward", "remediation"],
                    }, cancellationToken).ConfigureAwait(false);
                    if (request.AlreadyOpen) report.AlreadyOpen++;
                    else report.Opened++;
                    link = request.Url;
                    isNew = !request.AlreadyOpen;
                }
                catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    errors.Add($"{forge.Kind}: change request for {change.Branch}: {e.Message}");
                    continue;
                }
            }
            if (isNew)
            {
                var title = link is null ? $"Steward pushed {change.Branch}: {change.Title}" : $"Steward opened a change request: {change.Title}";
                await NotifyAsync(new Notification(title, change.CommitMessage(), change.Finding.Severity, [change.Finding])
                {
                    RevisionId = context.RevisionId,
                    Link = link,
                }, errors, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Sends to every notifier; answers whether all of them took it.</summary>
    private async Task<bool> NotifyAsync(Notification notification, List<string> errors, CancellationToken cancellationToken)
    {
        var all = true;
        foreach (var notifier in notifiers)
        {
            try
            {
                await notifier.NotifyAsync(notification, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                errors.Add($"notification \"{notification.Title}\": {e.Message}");
                all = false;
            }
        }
        return all;
    }

    private sealed class Report
    {
        public int Changes;
        public int Created;
        public int Pushed;
        public int Opened;
        public int AlreadyOpen;
        public bool NoRemote;
        public HashSet<Finding> Remediated { get; } = [];
    }
}
