namespace Steward.Core.Findings;

/// <summary>The stable order of findings in every report: file, line, rule, then subject and message.</summary>
public sealed class FindingOrder : IComparer<Finding>
{
    public static readonly FindingOrder Instance = new();

    public int Compare(Finding? x, Finding? y)
    {
        if (ReferenceEquals(x, y)) return 0;
        if (x is null) return -1;
        if (y is null) return 1;
        var c = string.CompareOrdinal(x.Subject.File ?? "\uffff", y.Subject.File ?? "\uffff");
        if (c != 0) return c;
        c = (x.Subject.Line ?? int.MaxValue).CompareTo(y.Subject.Line ?? int.MaxValue);
        if (c != 0) return c;
        c = string.CompareOrdinal(x.RuleId, y.RuleId);
        if (c != 0) return c;
        c = string.CompareOrdinal(x.Subject.Kind, y.Subject.Kind);
        if (c != 0) return c;
        c = string.CompareOrdinal(x.Subject.Namespace, y.Subject.Namespace);
        if (c != 0) return c;
        c = string.CompareOrdinal(x.Subject.Name, y.Subject.Name);
        if (c != 0) return c;
        return string.CompareOrdinal(x.Message, y.Message);
    }
}
