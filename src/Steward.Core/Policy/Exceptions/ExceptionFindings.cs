using Steward.Core.Findings;
using Steward.Core.Governance;
using Steward.Core.Governance.Kinds;
using Steward.Core.Policy.Checks;

namespace Steward.Core.Policy.Exceptions;

/// <summary>
/// The findings PolicyExceptions make about themselves: expired, expiring soon, matching nothing,
/// malformed. The rule ids are a contract (docs/rules.md).
/// </summary>
public static class ExceptionFindings
{
    public const string Expired = "exception-expired";
    public const string Expiring = "exception-expiring";
    public const string Unused = "exception-unused";
    public const string Invalid = "exception-invalid";

    public static IReadOnlyList<RuleDescriptor> Rules { get; } =
    [
        new(Expired, Severity.Error, Category.Policy,
            "Policy exceptions are renewed or removed when they expire",
            "An expired exception no longer suppresses anything: its findings fail the gate again, and the exception should be renewed (with a new approval) or deleted."),
        new(Expiring, Severity.Warning, Category.Policy,
            "Policy exceptions about to expire are flagged ahead of time",
            "An exception expiring within exceptions.warnBefore (default 14 days) warns, so that the fix or the renewal lands before the gate fails."),
        new(Invalid, Severity.Error, Category.Policy,
            "Policy exceptions are well formed",
            "A PolicyException needs rules, a reason, an approver and an expiry; a malformed one suppresses nothing."),
        new(Unused, Severity.Warning, Category.Policy,
            "Policy exceptions cover something",
            "An exception that matches no finding is stale (the finding was fixed, or the match is wrong): remove it before it hides a new finding."),
    ];

    /// <summary>Parses a PolicyException into <paramref name="into"/>; false with an exception-invalid finding when it is malformed or its name is taken.</summary>
    public static bool TryParse(RepositoryObject obj, List<PolicyException> into, out Finding? invalid)
    {
        invalid = null;
        try
        {
            var parsed = PolicyException.Parse(obj);
            if (into.FirstOrDefault(e => e.Name == parsed.Name) is { } first)
                throw new StewardInputException($"{obj.Location}: metadata.name: duplicate PolicyException \"{parsed.Name}\" (first defined at {first.Object.Location})");
            into.Add(parsed);
            return true;
        }
        catch (StewardInputException ex)
        {
            invalid = new Finding
            {
                RuleId = Invalid,
                Severity = Severity.Error,
                Category = Category.Policy,
                Subject = Subjects.Of(obj),
                Message = $"PolicyException {(obj.Name.Length == 0 ? "(unnamed)" : obj.Name)} is malformed and suppresses nothing: {ex.Message}",
                Evidence = new Dictionary<string, object?> { ["error"] = ex.Message },
                SuggestedAction = "Give the exception spec.rules, spec.reason, spec.approver and spec.expiresAt (RFC 3339 or a date).",
            };
            return false;
        }
    }

    public static Finding ExpiredFinding(PolicyException exception) => new()
    {
        RuleId = Expired,
        Severity = Severity.Error,
        Category = Category.Policy,
        Subject = Subjects.Of(exception.Object, exception.ExpiresAtLocation),
        Message = $"PolicyException {exception.Name} expired at {exception.ExpiresAtText}: it no longer suppresses findings of {string.Join(", ", exception.Rules)}",
        Evidence = Evidence(exception),
        SuggestedAction = "Fix what the exception covered, or renew it with a new expiresAt and approval.",
    };

    public static Finding ExpiringFinding(PolicyException exception, TimeSpan warnBefore) => new()
    {
        RuleId = Expiring,
        Severity = Severity.Warning,
        Category = Category.Policy,
        Subject = Subjects.Of(exception.Object, exception.ExpiresAtLocation),
        Message = $"PolicyException {exception.Name} expires at {exception.ExpiresAtText}, within {Days(warnBefore)} (exceptions.warnBefore)",
        Evidence = Evidence(exception),
        SuggestedAction = "Fix what the exception covers before it expires, or renew it.",
    };

    public static Finding UnusedFinding(PolicyException exception) => new()
    {
        RuleId = Unused,
        Severity = Severity.Warning,
        Category = Category.Policy,
        Subject = Subjects.Of(exception.Object),
        Message = $"PolicyException {exception.Name} matches no finding of {string.Join(", ", exception.Rules)}",
        Evidence = Evidence(exception),
        SuggestedAction = "Remove the exception, or correct its spec.rules and spec.match.",
    };

    private static Dictionary<string, object?> Evidence(PolicyException exception) => new()
    {
        ["approver"] = exception.Approver,
        ["expiresAt"] = exception.ExpiresAtText,
        ["rules"] = exception.Rules,
    };

    private static string Days(TimeSpan span) =>
        span.TotalDays == Math.Floor(span.TotalDays) ? $"{(int)span.TotalDays} day(s)" : $"{span.TotalHours:0.##} hour(s)";
}
