using System.Globalization;
using Steward.Core.Governance.Yaml;

namespace Steward.Core.Governance.Kinds;

/// <summary>
/// A time-boxed, approved exception to rules (kind PolicyException, anywhere in the repository):
/// findings of <see cref="Rules"/> about the subjects <see cref="Match"/> picks are kept but
/// marked suppressed until <see cref="ExpiresAt"/>. The reason, approver and expiry are required,
/// because an exception nobody can account for is a hole in the gate.
/// </summary>
public sealed record PolicyException
{
    public required RepositoryObject Object { get; init; }

    /// <summary>metadata.name: how findings name the exception that suppressed them.</summary>
    public string Name => Object.Name;

    /// <summary>Rule ids, or prefixes of them: <c>policy/*</c>, or whole segments (<c>gatekeeper/K8sRequiredLabels</c>).</summary>
    public required IReadOnlyList<string> Rules { get; init; }

    public required ExceptionMatch Match { get; init; }
    public required string Reason { get; init; }
    public required string Approver { get; init; }

    /// <summary>The instant the exception stops applying (a date alone is midnight UTC at its start, as Trivy reads expired_at).</summary>
    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>Where spec.expiresAt is written: expiry findings point there.</summary>
    public required SourceLocation ExpiresAtLocation { get; init; }

    public string? Ticket { get; init; }

    /// <summary>The expiry as findings and reports show it: RFC 3339 in UTC.</summary>
    public string ExpiresAtText => ExpiresAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Whether the exception covers findings of this rule.</summary>
    public bool CoversRule(string ruleId) => Rules.Any(r => RuleMatches(r, ruleId));

    /// <summary>An exact id; a prefix ending in '*'; or leading whole segments of the id (<c>policy/main</c> covers <c>policy/main/deny</c>).</summary>
    public static bool RuleMatches(string pattern, string ruleId) =>
        pattern == ruleId
        || pattern.EndsWith('*') && ruleId.StartsWith(pattern[..^1], StringComparison.Ordinal)
        || ruleId.StartsWith(pattern.TrimEnd('/') + "/", StringComparison.Ordinal);

    /// <exception cref="StewardInputException">A field is missing or malformed: the message names file:line:column and the field.</exception>
    public static PolicyException Parse(RepositoryObject obj)
    {
        if (obj.Name.Length == 0)
            throw new StewardInputException($"{obj.Location}: metadata.name: required field is missing");
        var spec = obj.Reader.Mapping("spec", required: true)!;
        var rules = spec.StringList("rules");
        if (rules.Count == 0)
            throw new StewardInputException($"{spec.At(spec.Get("rules") ?? spec.Node)}: {spec.FieldPath("rules")}: list at least one rule id or prefix");
        for (var i = 0; i < rules.Count; i++)
        {
            if (rules[i].Trim('*', '/').Length == 0)
                throw spec.Error(spec.Sequence("rules")[i], $"{spec.FieldPath("rules")}[{i}]", $"\"{rules[i]}\" would cover every rule; name the rules or a prefix of them");
        }
        var expiresText = Required(spec, "expiresAt");
        if (!TryParseInstant(expiresText, out var expiresAt))
            throw spec.Error(spec.Get("expiresAt")!, spec.FieldPath("expiresAt"), $"expected an RFC 3339 time (2026-12-31T18:00:00Z) or a date (2026-12-31), got \"{expiresText}\"");
        return new PolicyException
        {
            Object = obj,
            Rules = rules,
            Match = ExceptionMatch.Parse(spec.Mapping("match")),
            Reason = Required(spec, "reason"),
            Approver = Required(spec, "approver"),
            ExpiresAt = expiresAt,
            ExpiresAtLocation = spec.At(spec.Get("expiresAt")!),
            Ticket = spec.String("ticket"),
        };
    }

    private static string Required(NodeReader spec, string key)
    {
        var text = spec.String(key, required: true)!;
        if (text.Trim().Length == 0)
            throw spec.Error(spec.Get(key)!, spec.FieldPath(key), "must not be empty");
        return text;
    }

    /// <summary>RFC 3339 with a time zone (Z or an offset), or a plain date (midnight UTC).</summary>
    public static bool TryParseInstant(string text, out DateTimeOffset value)
    {
        if (DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var date))
        {
            value = new DateTimeOffset(date, TimeSpan.Zero);
            return true;
        }
        string[] formats = ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK"];
        // RFC 3339 requires the offset: a time without one would mean different instants on different machines.
        var hasZone = text.EndsWith('Z') || text.EndsWith('z') || text.Length > 6 && text[^6] is '+' or '-' && text[^3] == ':';
        if (hasZone && DateTimeOffset.TryParseExact(text.ToUpperInvariant(), formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out value))
            return true;
        value = default;
        return false;
    }
}
