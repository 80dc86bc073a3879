namespace Steward.Core.Findings;

/// <summary>
/// The one vocabulary every stage speaks: a rule that did not hold for a subject, with the
/// numbers that prove it and what to do about it.
/// </summary>
public sealed record Finding
{
    public required string RuleId { get; init; }
    public required Severity Severity { get; init; }
    public required Category Category { get; init; }
    public required Subject Subject { get; init; }
    public required string Message { get; init; }

    /// <summary>The numbers behind the verdict, by name (sorted when reported).</summary>
    public IReadOnlyDictionary<string, object?> Evidence { get; init; } = new Dictionary<string, object?>();

    public string? SuggestedAction { get; init; }

    /// <summary>
    /// The active PolicyException that covers this finding: it is still reported and counted, but it
    /// does not fail the gate nor deny at admission. Null for a finding nothing suppresses.
    /// </summary>
    public Suppression? Suppressed { get; init; }

    /// <summary>Whether the finding fails a gate: an error or worse that no exception suppresses.</summary>
    public bool IsBlocking => Severity >= Severity.Error && Suppressed is null;
}
