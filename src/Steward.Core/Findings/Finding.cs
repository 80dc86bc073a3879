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
}
