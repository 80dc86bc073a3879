namespace Steward.Core.Policy.Licensing;

/// <summary>An SPDX license expression (SPDX 2.3 Annex D): license ids, <c>+</c>, WITH, AND, OR, parentheses.</summary>
public abstract record SpdxExpression
{
    public static SpdxExpression Parse(string text) => SpdxParser.Parse(text);

    /// <summary>A license id (or LicenseRef-), optionally "or later" (<c>+</c>) and with an exception.</summary>
    public sealed record License(string Id, bool OrLater, string? Exception) : SpdxExpression
    {
        public override string ToString() => Id + (OrLater ? "+" : "") + (Exception is null ? "" : " WITH " + Exception);
    }

    public sealed record And(SpdxExpression Left, SpdxExpression Right) : SpdxExpression
    {
        public override string ToString() => $"({Left} AND {Right})";
    }

    public sealed record Or(SpdxExpression Left, SpdxExpression Right) : SpdxExpression
    {
        public override string ToString() => $"({Left} OR {Right})";
    }
}
