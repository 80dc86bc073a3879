using Steward.Core.Governance.Kinds;

namespace Steward.Core.Policy.Hierarchy;

/// <summary>
/// Which PolicySet owns a Rego rule: the set whose <c>spec.policies</c> names its modules most
/// specifically (a project's folder inside its team's belongs to the project). A rule defined in
/// modules of different owners (one package split across a team's folder and the organisation's)
/// would apply to different objects depending on the file: an input error naming the files.
/// </summary>
public static class PolicyOwnership
{
    /// <param name="ruleId">The rule (policy/&lt;package&gt;/&lt;rule&gt;), for the message.</param>
    /// <param name="files">The modules that define the rule.</param>
    /// <returns>The owning set's name; null for the organisation's policies.</returns>
    public static string? OwnerOf(string ruleId, IReadOnlyList<string> files, IReadOnlyList<PolicySet> sets)
    {
        if (sets.Count == 0) return null;
        var owners = files.Select(f => (File: f, Owner: OwnerOfFile(f, sets))).ToList();
        var distinct = owners.Select(o => o.Owner).Distinct().ToList();
        if (distinct.Count > 1)
        {
            var described = string.Join(", ", owners.Select(o => $"{o.File} ({(o.Owner is null ? "organisation" : "PolicySet " + o.Owner)})"));
            throw new StewardInputException($"{ruleId} is defined in modules of different policy levels: {described}; keep a team's package in its PolicySet's spec.policies only");
        }
        return distinct[0];
    }

    private static string? OwnerOfFile(string file, IReadOnlyList<PolicySet> sets)
    {
        var claims = sets.Where(s => s.Owns(file))
            .Select(s => (Set: s, Length: s.Policies.Where(p => PolicySet.Covers(p, file)).Max(p => p.Length)))
            .OrderByDescending(c => c.Length).ThenBy(c => c.Set.Name, StringComparer.Ordinal).ToList();
        if (claims.Count == 0) return null;
        if (claims.Count > 1 && claims[1].Length == claims[0].Length)
            throw new StewardInputException($"{file}: claimed by the spec.policies of both PolicySet {claims[0].Set.Name} ({claims[0].Set.Object.File}) and PolicySet {claims[1].Set.Name} ({claims[1].Set.Object.File})");
        return claims[0].Set.Name;
    }
}
