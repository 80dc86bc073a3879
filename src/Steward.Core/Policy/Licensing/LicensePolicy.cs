namespace Steward.Core.Policy.Licensing;

/// <summary>The verdict on a license expression: acceptable, or the licenses that made it not.</summary>
public sealed record LicenseVerdict(bool Allowed, IReadOnlyList<string> Offending, string Reason);

/// <summary>
/// Applies an allow list and a deny list to SPDX expressions. A license term passes when its exact
/// form is allowed; otherwise it fails when any of its forms is denied, and passes when the allow
/// list is empty or holds one of its forms ("GPL-2.0-only WITH Classpath-exception-2.0" also counts
/// as "GPL-2.0-only"; "Apache-2.0+" as "Apache-2.0"). AND needs both sides, OR one.
/// Matching is case-insensitive, as SPDX ids are.
/// </summary>
public sealed class LicensePolicy
{
    private readonly HashSet<string> _allowed;
    private readonly HashSet<string> _denied;

    public LicensePolicy(IEnumerable<string> allowed, IEnumerable<string> denied)
    {
        _allowed = new HashSet<string>(allowed.Select(Normalize), StringComparer.OrdinalIgnoreCase);
        _denied = new HashSet<string>(denied.Select(Normalize), StringComparer.OrdinalIgnoreCase);
    }

    public bool IsEmpty => _allowed.Count == 0 && _denied.Count == 0;

    public LicenseVerdict Evaluate(SpdxExpression expression)
    {
        var offending = new SortedSet<string>(StringComparer.Ordinal);
        var allowed = Evaluate(expression, offending);
        if (allowed) return new LicenseVerdict(true, [], "allowed");
        var denied = offending.Where(o => Forms(o).Any(_denied.Contains)).ToList();
        var reason = denied.Count > 0
            ? $"denied: {string.Join(", ", denied)}"
            : $"not in licenses.allowed: {string.Join(", ", offending)}";
        return new LicenseVerdict(false, offending.ToList(), reason);
    }

    private bool Evaluate(SpdxExpression expression, SortedSet<string> offending)
    {
        switch (expression)
        {
            case SpdxExpression.And and:
                var left = Evaluate(and.Left, offending);
                var right = Evaluate(and.Right, offending);
                return left && right;
            case SpdxExpression.Or or:
                var trial = new SortedSet<string>(StringComparer.Ordinal);
                if (Evaluate(or.Left, trial) || Evaluate(or.Right, trial)) return true;
                offending.UnionWith(trial);
                return false;
            case SpdxExpression.License license:
                if (IsAllowed(license)) return true;
                offending.Add(license.ToString());
                return false;
            default:
                return false;
        }
    }

    private bool IsAllowed(SpdxExpression.License license)
    {
        var forms = Forms(license.ToString()).ToList();
        if (_allowed.Contains(forms[0])) return true;
        if (forms.Any(_denied.Contains)) return false;
        return _allowed.Count == 0 || forms.Any(_allowed.Contains);
    }

    /// <summary>The exact form first, then the forms without "+" and without the exception.</summary>
    private static IEnumerable<string> Forms(string term)
    {
        term = Normalize(term);
        yield return term;
        var with = term.IndexOf(" WITH ", StringComparison.OrdinalIgnoreCase);
        var bare = with >= 0 ? term[..with] : term;
        if (with >= 0) yield return bare;
        if (bare.EndsWith('+')) yield return bare[..^1];
    }

    private static string Normalize(string term) => string.Join(' ', term.Split(' ', StringSplitOptions.RemoveEmptyEntries)
        .Select(t => t.Equals("with", StringComparison.OrdinalIgnoreCase) ? "WITH" : t));
}
