namespace Steward.Core.Governance;

/// <summary>A Rego module of policies/: its path relative to the repository and its source.</summary>
public sealed record PolicyFile(string Path, string Source)
{
    public bool IsTest => RepositoryLayout.IsPolicyTest(Path);
}
