using Steward.Core.SupplyChain.Versions;

namespace Steward.Core.SupplyChain.Osv;

/// <summary>
/// Decides whether a version is affected, following the OSV schema's "Evaluation" section:
/// a version listed in <c>versions</c> is affected; for each SEMVER or ECOSYSTEM range the
/// events are sorted by version ("0" first) and walked: introduced (v ≥ e) sets affected,
/// fixed (v ≥ e) clears it, last_affected (v &gt; e) clears it; when a range has limit events
/// the version must be below one of them ("*" is unbounded). GIT ranges are not evaluated
/// (they need the repository), nor are ECOSYSTEM ranges of ecosystems Steward cannot order.
/// </summary>
public static class OsvRangeEvaluator
{
    /// <summary>The verdict for one affected entry.</summary>
    /// <param name="Affected">Whether the version is affected.</param>
    /// <param name="Fixed">The lowest fixed version above the version in the ranges that affect it, if any.</param>
    public readonly record struct Verdict(bool Affected, string? Fixed);

    public static Verdict Evaluate(string version, OsvAffected affected, IVersionComparer? ecosystemComparer)
    {
        var isAffected = false;
        string? fix = null;

        foreach (var listed in affected.Versions ?? [])
        {
            if (listed == version || (ecosystemComparer is not null && ecosystemComparer.IsValid(listed)
                && ecosystemComparer.IsValid(version) && ecosystemComparer.Compare(listed, version) == 0))
            {
                isAffected = true;
                break;
            }
        }

        foreach (var range in affected.Ranges ?? [])
        {
            var comparer = range.Type switch
            {
                "SEMVER" => VersionComparers.SemVer,
                "ECOSYSTEM" => ecosystemComparer,
                _ => null,
            };
            if (comparer is null || !comparer.IsValid(version)) continue;
            if (!InRange(version, range, comparer)) continue;
            isAffected = true;
            var rangeFix = LowestFixAbove(version, range, comparer);
            if (rangeFix is not null && (fix is null || comparer.Compare(rangeFix, fix) < 0)) fix = rangeFix;
        }

        return new Verdict(isAffected, isAffected ? fix : null);
    }

    /// <summary>One range, per the OSV evaluation pseudo-code.</summary>
    public static bool InRange(string version, OsvRange range, IVersionComparer comparer)
    {
        var limits = range.Events.Where(e => e.Limit is not null).Select(e => e.Limit!).ToList();
        if (limits.Count > 0 && !limits.Any(l => l == "*" || (comparer.IsValid(l) && comparer.Compare(version, l) < 0)))
            return false;

        var affected = false;
        foreach (var e in Sorted(range.Events, comparer))
        {
            if (e.Introduced is { } introduced)
            {
                if (introduced == "0" || comparer.Compare(version, introduced) >= 0) affected = true;
            }
            else if (e.Fixed is { } fixedVersion)
            {
                if (comparer.Compare(version, fixedVersion) >= 0) affected = false;
            }
            else if (e.LastAffected is { } last)
            {
                if (comparer.Compare(version, last) > 0) affected = false;
            }
        }
        return affected;
    }

    /// <summary>
    /// Events other than limits, sorted by version with introduced "0" first; events whose version
    /// the ecosystem cannot parse are left out (they cannot be placed in the order). The sort is
    /// stable, so events at the same version keep the record's order.
    /// </summary>
    private static IEnumerable<OsvEvent> Sorted(IEnumerable<OsvEvent> events, IVersionComparer comparer)
    {
        var valid = events
            .Where(e => e.Limit is null)
            .Where(e => e.Introduced == "0" || comparer.IsValid(e.Introduced ?? e.Fixed ?? e.LastAffected!))
            .ToList();
        return valid.OrderBy(e => e, Comparer<OsvEvent>.Create((a, b) =>
        {
            if (a.Introduced == "0") return b.Introduced == "0" ? 0 : -1;
            if (b.Introduced == "0") return 1;
            return comparer.Compare(a.Introduced ?? a.Fixed ?? a.LastAffected!, b.Introduced ?? b.Fixed ?? b.LastAffected!);
        }));
    }

    private static string? LowestFixAbove(string version, OsvRange range, IVersionComparer comparer) =>
        range.Events
            .Where(e => e.Fixed is not null && comparer.IsValid(e.Fixed) && comparer.Compare(e.Fixed, version) > 0)
            .Select(e => e.Fixed!)
            .Order(comparer)
            .FirstOrDefault();
}
