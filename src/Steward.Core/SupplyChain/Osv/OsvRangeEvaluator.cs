using Steward.Core.SupplyChain.Versions;

namespace Steward.Core.SupplyChain.Osv;

/// <summary>
/// Decides whether a version is affected, following the OSV schema's "Evaluation" pseudo-code
/// (docs/schema.md, IsVulnerable): a version listed in <c>versions</c> is affected; for each
/// SEMVER or ECOSYSTEM range the events are sorted by version ("0" first) and walked:
/// introduced (v ≥ e) sets affected, fixed (v ≥ e) clears it, last_affected (v &gt; e) clears
/// it; when a range has limit events the version must be below one of them (a limit
/// containing "*" is unbounded). Besides the exact string match of the pseudo-code, a listed
/// version also matches when the ecosystem orders it equal (PyPI "1.0" and "1.0.0"), since OSV
/// versions may be normalised. GIT ranges are not evaluated (they need the repository), nor
/// are ECOSYSTEM ranges of ecosystems Steward cannot order.
/// </summary>
public static class OsvRangeEvaluator
{
    /// <summary>The verdict for one affected entry.</summary>
    /// <param name="Affected">Whether the version is affected.</param>
    /// <param name="Fixed">The lowest fixed version above the version in the ranges that affect it, if any.</param>
    public readonly record struct Verdict(bool Affected, string? Fixed);

    private enum Kind
    {
        Introduced,
        Fixed,
        LastAffected,
    }

    /// <summary>An event with its version parsed once; <c>Version</c> null means introduced "0".</summary>
    private readonly record struct Event(Kind Kind, ParsedVersion? Version);

    public static Verdict Evaluate(string version, OsvAffected affected, IVersionComparer? ecosystemComparer)
    {
        var isAffected = IsListed(version, affected.Versions, ecosystemComparer);
        ParsedVersion? fix = null;

        foreach (var range in affected.Ranges ?? [])
        {
            var comparer = range.Type switch
            {
                "SEMVER" => VersionComparers.SemVer,
                "ECOSYSTEM" => ecosystemComparer,
                _ => null,
            };
            if (comparer?.ParseVersion(version) is not { } v) continue;
            if (!InRange(v, range, comparer, out var rangeFix)) continue;
            isAffected = true;
            if (rangeFix is not null && (fix is null || rangeFix.CompareTo(fix) < 0)) fix = rangeFix;
        }

        return new Verdict(isAffected, isAffected ? fix?.Text : null);
    }

    private static bool IsListed(string version, List<string>? versions, IVersionComparer? comparer)
    {
        if (versions is null || versions.Count == 0) return false;
        if (versions.Contains(version)) return true;
        if (comparer?.ParseVersion(version) is not { } v) return false;
        return versions.Any(listed => comparer.ParseVersion(listed) is { } l && l.CompareTo(v) == 0);
    }

    /// <summary>One range, per the OSV evaluation pseudo-code; also returns the lowest fix above the version.</summary>
    public static bool InRange(string version, OsvRange range, IVersionComparer comparer) =>
        comparer.ParseVersion(version) is { } v && InRange(v, range, comparer, out _);

    private static bool InRange(ParsedVersion v, OsvRange range, IVersionComparer comparer, out ParsedVersion? lowestFix)
    {
        lowestFix = null;
        var hasLimit = false;
        var belowALimit = false;
        var events = new List<Event>(range.Events.Count);
        foreach (var e in range.Events)
        {
            if (e.Limit is { } limit)
            {
                hasLimit = true;
                belowALimit |= limit.Contains('*', StringComparison.Ordinal)
                    || (comparer.ParseVersion(limit) is { } l && v.CompareTo(l) < 0);
            }
            else if (e.Introduced == "0")
            {
                events.Add(new Event(Kind.Introduced, null));
            }
            else
            {
                var (kind, text) = e.Introduced is not null ? (Kind.Introduced, e.Introduced)
                    : e.Fixed is not null ? (Kind.Fixed, e.Fixed)
                    : (Kind.LastAffected, e.LastAffected!);
                // An event the ecosystem cannot parse cannot be placed in the order. Leaving out a
                // fixed or last_affected bound only widens the range; an unparseable introduced is
                // read as "0", so that it never hides a vulnerable version (a false positive is the
                // safer error for a gate).
                if (comparer.ParseVersion(text) is { } parsed) events.Add(new Event(kind, parsed));
                else if (kind == Kind.Introduced) events.Add(new Event(Kind.Introduced, null));
            }
        }
        if (hasLimit && !belowALimit) return false;

        // Stable sort by version, "0" first: events at the same version keep the record's order.
        var sorted = events.Select((e, i) => (e, i)).OrderBy(x => x, Comparer<(Event e, int i)>.Create((a, b) =>
        {
            var c = Compare(a.e.Version, b.e.Version);
            return c != 0 ? c : a.i.CompareTo(b.i);
        })).Select(x => x.e);

        var affected = false;
        foreach (var e in sorted)
        {
            var c = e.Version is null ? 1 : v.CompareTo(e.Version);
            switch (e.Kind)
            {
                case Kind.Introduced when c >= 0:
                    affected = true;
                    break;
                case Kind.Fixed when c >= 0:
                    affected = false;
                    break;
                case Kind.LastAffected when c > 0:
                    affected = false;
                    break;
                case Kind.Fixed when lowestFix is null || e.Version!.CompareTo(lowestFix) < 0:
                    lowestFix = e.Version; // c < 0: a fix above the version
                    break;
            }
        }
        return affected;
    }

    private static int Compare(ParsedVersion? a, ParsedVersion? b) =>
        a is null ? (b is null ? 0 : -1) : b is null ? 1 : a.CompareTo(b);
}
