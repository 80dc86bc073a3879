namespace Steward.Core.SupplyChain.Licenses;

/// <summary>The verdict on one component's license.</summary>
/// <param name="Acceptable">Whether the expression can be satisfied with acceptable licenses.</param>
/// <param name="Reason">Why not (the licenses that are denied or not allowed), or null.</param>
public readonly record struct LicenseVerdict(bool Acceptable, string? Reason);

/// <summary>
/// Which licenses a repository accepts: an allow-list (empty = anything not denied) and a
/// deny-list, of SPDX ids compared case-insensitively (SPDX ids are case-insensitive). An OR
/// expression is acceptable when one side is (the user may choose), AND when both are. "X+"
/// is judged as X. "X WITH E" is allowed when "X WITH E" or X is allowed, and denied when X is
/// denied unless "X WITH E" is explicitly allowed.
/// </summary>
public sealed class LicensePolicy(IEnumerable<string> allowed, IEnumerable<string> denied)
{
    private readonly HashSet<string> _allowed = new(allowed, StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _denied = new(denied, StringComparer.OrdinalIgnoreCase);

    public LicenseVerdict Evaluate(string expression)
    {
        if (!SpdxExpression.TryParse(expression, out var parsed))
            return new LicenseVerdict(false, $"'{expression}' is not a valid SPDX license expression");
        if (Acceptable(parsed!)) return new LicenseVerdict(true, null);
        var rejected = parsed!.Licenses().Where(l => !Acceptable(l)).Select(l => l.ToString()).Distinct().Order(StringComparer.Ordinal);
        return new LicenseVerdict(false, "not acceptable: " + string.Join(", ", rejected));
    }

    private bool Acceptable(SpdxExpression e) => e switch
    {
        SpdxExpression.Or o => Acceptable(o.Left) || Acceptable(o.Right),
        SpdxExpression.And a => Acceptable(a.Left) && Acceptable(a.Right),
        SpdxExpression.License l => Acceptable(l),
        _ => false,
    };

    private bool Acceptable(SpdxExpression.License l)
    {
        var full = l.Exception is null ? null : $"{l.Id} WITH {l.Exception}";
        if (full is not null && _allowed.Contains(full)) return true;
        if (_denied.Contains(l.Id) || (full is not null && _denied.Contains(full))) return false;
        return _allowed.Count == 0 || _allowed.Contains(l.Id);
    }
}
