using System.Text;
using Steward.Core.Findings;

namespace Steward.Core.Application.Loop;

/// <summary>
/// A finding's identity across loop runs: its rule, subject and message. A monitor breach of a new
/// window has a new message (its window and value), so it counts as new; the same warning found again
/// in the same revision does not, so people are not told the same thing every few minutes.
/// </summary>
public static class FindingKey
{
    public static string Of(Finding finding)
    {
        var s = finding.Subject;
        var key = new StringBuilder(finding.RuleId);
        foreach (var part in new[] { s.File, s.Line?.ToString(System.Globalization.CultureInfo.InvariantCulture), s.ApiVersion, s.Kind, s.Namespace, s.Name, s.Model, s.ModelVersion, s.Scope, finding.Message })
            key.Append('\0').Append(part);
        return key.ToString();
    }
}
