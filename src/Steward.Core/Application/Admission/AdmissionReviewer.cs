using Steward.Core.Findings;
using Steward.Core.Governance;
using Steward.Core.Governance.Kinds;
using Steward.Core.Kubernetes;
using Steward.Core.Policy.Checks;
using Steward.Core.Policy.Exceptions;
using Steward.Core.Policy.Hierarchy;
using Steward.Rego.Evaluation;
using Steward.Rego.Values;

namespace Steward.Core.Application.Admission;

/// <summary>
/// Reviews one object as <c>steward check</c> would check it in the served revision: the built-in
/// rules over the revision with the object in it (replacing the manifest of the same identity), and
/// the repository's policies with the object as input, and its Gatekeeper constraints with the request as
/// input.review (<see cref="GatekeeperAdmission"/>), keeping the findings that concern the object
/// (<see cref="ObjectFindings"/>). Workloads get both; other kinds (CRDs included) the policies only,
/// since the built-in rules are about workloads. The review has no side effects (dry-run requests
/// are reviewed alike), and it stops at admission.timeout, answered by admission.failurePolicy.
/// </summary>
public static class AdmissionReviewer
{
    public static AdmissionDecision Review(AdmissionRevision revision, AdmissionRequest request, CancellationToken cancellationToken = default)
    {
        var admission = revision.Settings.Admission;
        if (request.Operation is not ("CREATE" or "UPDATE"))
            return Skip(request);
        if (request.Namespace is { } ns && admission.ExcludedNamespaces.Contains(ns, StringComparer.Ordinal))
            return Skip(request);

        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(admission.Timeout);
        var obj = ReviewedObject.From(request, request.Object!.Value);
        var findings = new List<Finding>();
        try
        {
            if (Workload.IsWorkload(obj))
                BuiltInFindings(revision, obj, findings, budget.Token);
        }
        catch (OperationCanceledException) when (budget.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return TimedOut(request, admission);
        }
        catch (StewardInputException ex)
        {
            // What makes a manifest unreadable to check (a quantity that is not one) makes the object unreadable here.
            return Deny(request, [], $"[steward] the object cannot be checked: {ex.Message}");
        }
        var policyFindings = new List<Finding>();
        if (revision.Policies is { } policies)
        {
            var options = new EvalOptions { Limits = revision.Settings.PolicyLimits.ToEvalLimits(), CancellationToken = budget.Token };
            if (!policies.Evaluate(obj, RegoJson.FromElement(request.Object!.Value), Admission(request), options, policyFindings, budget.Token))
            {
                cancellationToken.ThrowIfCancellationRequested();
                return TimedOut(request, admission);
            }
        }
        if (revision.Gatekeeper is { } gatekeeper && !GatekeeperAdmission.Review(gatekeeper, request, obj, revision.Settings, policyFindings, budget.Token))
        {
            cancellationToken.ThrowIfCancellationRequested();
            return TimedOut(request, admission);
        }
        foreach (var finding in policyFindings)
        {
            var setting = revision.Settings.RuleSetting(finding.RuleId);
            if (setting.Enabled)
                findings.Add(setting.Severity is { } severity ? finding with { Severity = severity } : finding);
        }
        // The same policy hierarchy and PolicyExceptions as `steward check` applies, judged now: a suppressed finding is allowed with a warning.
        var objects = new SubjectObjects([obj], revision.Settings, revision.Objects);
        var hierarchy = PolicyHierarchy.For(revision.Repository);
        var governed = hierarchy.IsEmpty ? findings : [.. findings.Select(f => hierarchy.Resolve(f, objects, [])).OfType<Finding>()];
        var reviewed = ExceptionEvaluation.For(revision.Repository, revision.Clock.GetUtcNow()).Suppress(governed, objects);
        reviewed.Sort(FindingOrder.Instance);
        return Decide(request, admission, reviewed);
    }

    /// <summary>
    /// The built-in rules over the revision with the object in it; only the findings that concern the
    /// object are kept, those of the revision's manifest-independent rules included.
    /// </summary>
    private static void BuiltInFindings(AdmissionRevision revision, RepositoryObject obj, List<Finding> findings, CancellationToken budget)
    {
        var repository = revision.Repository;
        var workload = Workload.From(obj);
        var replaced = revision.SameObject(obj).ToHashSet();
        var manifests = new List<RepositoryObject>(repository.Manifests.Count + 1);
        var workloads = new List<Workload>(repository.Manifests.Count + 1);
        var placed = false;
        for (var i = 0; i < repository.Manifests.Count; i++)
        {
            if (replaced.Contains(i))
            {
                // The object takes the place of its version in Git, so that lists of workloads keep their order.
                if (!placed) Add(obj, workload);
                placed = true;
                continue;
            }
            Add(repository.Manifests[i], revision.Workloads[i]);
        }
        if (!placed) Add(obj, workload);

        var view = new GovernanceRepository(repository.DisplayName, repository.Settings, manifests, repository.Models, repository.Budgets, repository.Monitors, repository.Policies)
        {
            Root = repository.Root,
            // The thresholds of model-evaluation follow the PolicySets that govern the object.
            PolicySets = repository.PolicySets,
        };
        var context = new CheckContext(view, workloads);
        foreach (var check in revision.ViewChecks)
        {
            budget.ThrowIfCancellationRequested();
            var setting = repository.Settings.RuleSetting(check.Rule.Id);
            if (!setting.Enabled) continue;
            foreach (var finding in check.Run(context))
            {
                if (ObjectFindings.Concern(finding, obj, workload, view))
                    findings.Add(setting.Severity is { } severity ? finding with { Severity = severity } : finding);
            }
        }
        findings.AddRange(revision.RevisionFindings.Where(f => ObjectFindings.Concern(f, obj, workload, view)));

        void Add(RepositoryObject o, Workload? w)
        {
            manifests.Add(o);
            if (w is not null) workloads.Add(w);
        }
    }

    /// <summary>data.steward.admission: the review as policies see it (the object itself is input).</summary>
    private static RegoObject Admission(AdmissionRequest request)
    {
        var items = new List<KeyValuePair<RegoValue, RegoValue>>
        {
            new(new RegoString("operation"), new RegoString(request.Operation)),
            new(new RegoString("kind"), new RegoObject([
                new(new RegoString("group"), new RegoString(request.Group)),
                new(new RegoString("version"), new RegoString(request.Version)),
                new(new RegoString("kind"), new RegoString(request.Kind)),
            ])),
            new(new RegoString("name"), new RegoString(request.Name)),
            new(new RegoString("dryRun"), request.DryRun ? RegoBool.True : RegoBool.False),
        };
        if (request.Namespace is { } ns) items.Add(new(new RegoString("namespace"), new RegoString(ns)));
        if (request.OldObject is { } old) items.Add(new(new RegoString("oldObject"), RegoJson.FromElement(old)));
        if (request.UserInfo is { } user) items.Add(new(new RegoString("userInfo"), RegoJson.FromElement(user)));
        return new RegoObject(items);
    }

    private static AdmissionDecision Decide(AdmissionRequest request, AdmissionSettings admission, List<Finding> findings)
    {
        var acted = findings.Select(f => new AdmissionFinding(f, ActionOf(admission, f))).ToList();
        var denying = acted.Where(a => a.Action == AdmissionEnforcement.Deny).Select(a => Line(a.Finding)).ToList();
        var warnings = acted.Where(a => a.Action == AdmissionEnforcement.Warn).Select(a => Line(a.Finding)).ToList();
        if (denying.Count > 0)
            return Deny(request, acted, string.Join("\n", denying)) with { Warnings = warnings };
        return new AdmissionDecision
        {
            Uid = request.Uid,
            Allowed = true,
            Outcome = warnings.Count > 0 ? AdmissionOutcome.Warned : AdmissionOutcome.Allowed,
            Warnings = warnings,
            Findings = acted,
        };
    }

    /// <summary>The enforcement of a finding's rule; a suppressed finding that would deny or warn warns, naming its exception.</summary>
    private static AdmissionEnforcement ActionOf(AdmissionSettings admission, Finding finding)
    {
        var action = admission.EnforcementOf(finding.RuleId, finding.Severity);
        return finding.Suppressed is not null && action == AdmissionEnforcement.Deny ? AdmissionEnforcement.Warn : action;
    }

    private static string Line(Finding finding) =>
        finding.Suppressed is { } suppressed ? $"[{finding.RuleId}] {finding.Message} ({suppressed.Describe()})" : $"[{finding.RuleId}] {finding.Message}";

    private static AdmissionDecision Deny(AdmissionRequest request, IReadOnlyList<AdmissionFinding> findings, string message) => new()
    {
        Uid = request.Uid,
        Allowed = false,
        Outcome = AdmissionOutcome.Denied,
        Code = 403,
        Message = message,
        Findings = findings,
    };

    private static AdmissionDecision Skip(AdmissionRequest request) =>
        new() { Uid = request.Uid, Allowed = true, Outcome = AdmissionOutcome.Skipped };

    private static AdmissionDecision TimedOut(AdmissionRequest request, AdmissionSettings admission)
    {
        var budget = Duration(admission.Timeout);
        if (admission.FailurePolicy == AdmissionFailurePolicy.Deny)
        {
            return new AdmissionDecision
            {
                Uid = request.Uid,
                Allowed = false,
                Outcome = AdmissionOutcome.TimedOut,
                Code = 503,
                Message = $"[steward] the review did not finish within {budget} (admission.timeout); denied by admission.failurePolicy: deny",
            };
        }
        return new AdmissionDecision
        {
            Uid = request.Uid,
            Allowed = true,
            Outcome = AdmissionOutcome.TimedOut,
            Warnings = [$"[steward] the review did not finish within {budget} (admission.timeout); allowed unreviewed by admission.failurePolicy: allow"],
        };
    }

    private static string Duration(TimeSpan value) =>
        value.TotalMilliseconds % 1000 == 0
            ? $"{(long)value.TotalSeconds}s"
            : $"{(long)value.TotalMilliseconds}ms";
}
