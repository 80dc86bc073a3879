using Steward.Core.Findings;
using Steward.Core.Governance;
using Steward.Core.Governance.Kinds;

namespace Steward.Core.Policy.Exceptions;

/// <summary>
/// The one evaluation of PolicyExceptions, used by <c>steward check</c>, by the admission webhook
/// and by the control loop's live audit: at one instant, a finding covered by an active exception
/// (rule and match) is kept and marked suppressed; an expired exception suppresses nothing and is
/// an error; one expiring within <see cref="ExceptionSettings.WarnBefore"/> a warning; one that
/// covers no finding a warning. Immutable: concurrent admission reviews share one.
/// </summary>
public sealed class ExceptionEvaluation
{
    private readonly IReadOnlyList<PolicyException> _exceptions;
    private readonly TimeSpan _warnBefore;

    /// <param name="now">The instant exceptions are judged at (from the application's clock, so tests choose it).</param>
    public ExceptionEvaluation(IReadOnlyList<PolicyException> exceptions, ExceptionSettings settings, DateTimeOffset now)
    {
        // Name order: when several exceptions cover a finding, the same one is named every time.
        _exceptions = [.. exceptions.OrderBy(e => e.Name, StringComparer.Ordinal)];
        _warnBefore = settings.WarnBefore;
        Now = now;
    }

    public static ExceptionEvaluation For(GovernanceRepository repository, DateTimeOffset now) =>
        new(repository.Exceptions, repository.Settings.Exceptions, now);

    public DateTimeOffset Now { get; }

    public bool IsEmpty => _exceptions.Count == 0;

    /// <summary>Whether the exception still suppresses at <see cref="Now"/>.</summary>
    public bool IsActive(PolicyException exception) => Now < exception.ExpiresAt;

    /// <summary>The exceptions whose rules and match cover a finding, active or not, in name order.</summary>
    public IEnumerable<PolicyException> Covering(Finding finding, SubjectObjects objects)
    {
        SubjectFacts? facts = null;
        var looked = false;
        foreach (var exception in _exceptions)
        {
            if (!exception.CoversRule(finding.RuleId)) continue;
            if (exception.Match.ReadsObject && !looked)
            {
                facts = objects.Of(finding.Subject);
                looked = true;
            }
            if (exception.Match.Matches(finding.Subject, facts?.Labels, (facts?.Model, facts?.ModelVersion))) yield return exception;
        }
    }

    /// <summary>
    /// The findings, each covered by an active exception marked suppressed (the first by name);
    /// <paramref name="used"/> collects the names of the active exceptions that covered any.
    /// </summary>
    public List<Finding> Suppress(IEnumerable<Finding> findings, SubjectObjects objects, ISet<string>? used = null)
    {
        var result = new List<Finding>();
        foreach (var finding in findings)
        {
            if (IsEmpty || finding.Suppressed is not null)
            {
                result.Add(finding);
                continue;
            }
            Suppression? suppression = null;
            foreach (var exception in Covering(finding, objects).Where(IsActive))
            {
                used?.Add(exception.Name);
                suppression ??= SuppressionBy(exception);
            }
            result.Add(suppression is null ? finding : finding with { Suppressed = suppression });
        }
        return result;
    }

    /// <summary>What the exceptions themselves are worth a finding for: expired, expiring soon, unused (of the active ones, by <paramref name="used"/>).</summary>
    public IEnumerable<Finding> StatusFindings(IReadOnlySet<string> used)
    {
        foreach (var exception in _exceptions)
        {
            if (!IsActive(exception))
            {
                yield return ExceptionFindings.ExpiredFinding(exception);
                continue;
            }
            if (exception.ExpiresAt - Now <= _warnBefore)
                yield return ExceptionFindings.ExpiringFinding(exception, _warnBefore);
            if (!used.Contains(exception.Name))
                yield return ExceptionFindings.UnusedFinding(exception);
        }
    }

    public static Suppression SuppressionBy(PolicyException exception) =>
        new(exception.Name, exception.Reason, exception.Approver, exception.ExpiresAtText, exception.Ticket, exception.Object.File);
}
