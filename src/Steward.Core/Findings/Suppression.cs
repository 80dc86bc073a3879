namespace Steward.Core.Findings;

/// <summary>
/// Why a finding is suppressed: the PolicyException that covers it, as every report shows it
/// (JSON <c>suppressed</c>, a SARIF <c>suppressions</c> entry, a marked row elsewhere).
/// </summary>
/// <param name="Exception">The exception's metadata.name.</param>
/// <param name="ExpiresAt">RFC 3339, UTC.</param>
/// <param name="File">The file the exception is written in.</param>
public sealed record Suppression(string Exception, string Reason, string Approver, string ExpiresAt, string? Ticket = null, string? File = null)
{
    /// <summary>One line for tables, annotations and admission warnings.</summary>
    public string Describe() =>
        $"suppressed by exception {Exception} (approved by {Approver}, expires {ExpiresAt}{(Ticket is null ? "" : ", " + Ticket)}): {Reason}";
}
