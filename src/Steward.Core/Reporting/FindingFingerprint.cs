using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Steward.Core.Findings;

namespace Steward.Core.Reporting;

/// <summary>
/// A finding's identity across commits, for SARIF <c>partialFingerprints</c> (GitHub code scanning)
/// and the Code Quality <c>fingerprint</c> (GitLab): rule, file and what the finding is about (object,
/// model version, scope) plus its message with numbers masked, never the line, so a finding keeps its
/// identity when lines above it move or a cost figure in its message changes.
/// </summary>
public static partial class FindingFingerprint
{
    /// <summary>
    /// One fingerprint per finding, in the order given: 32 lowercase hex digits (128 bits of SHA-256).
    /// Findings whose identity is the same (two containers "c1", "c2" of one object differing only in
    /// numbers) are told apart by their occurrence, counted in report order, as CodeQL does.
    /// </summary>
    public static IReadOnlyList<string> For(IReadOnlyList<Finding> findings, ReportOptions options)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var result = new List<string>(findings.Count);
        foreach (var finding in findings)
        {
            var identity = Identity(finding, options);
            var occurrence = seen[identity] = seen.GetValueOrDefault(identity) + 1;
            result.Add(Hash(occurrence == 1 ? identity : $"{identity}\n#{occurrence}"));
        }
        return result;
    }

    private static string Identity(Finding f, ReportOptions options)
    {
        var s = f.Subject;
        string[] parts =
        [
            f.RuleId,
            s.File is null ? "" : options.PathOf(s.File),
            s.Kind ?? "", s.Namespace ?? "", s.Name ?? "",
            s.Model ?? "", s.ModelVersion ?? "", s.Scope ?? "",
            Digits().Replace(f.Message, "#"),
        ];
        return string.Join('\n', parts);
    }

    private static string Hash(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..32];

    [GeneratedRegex("[0-9]+(?:[.,][0-9]+)*")]
    private static partial Regex Digits();
}
