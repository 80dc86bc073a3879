namespace Steward.Core.Governance;

/// <summary>A place in a file of the governance repository: path relative to the repository, 1-based line and column.</summary>
public readonly record struct SourceLocation(string File, int Line, int Column)
{
    public override string ToString() => $"{File}:{Line}:{Column}";
}
