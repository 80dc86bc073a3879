namespace Steward.Core.Application.Remediation;

/// <summary>A commit made for a change: "created", or "exists" when its branch already held it.</summary>
public sealed record CommittedChange(string Branch, string Status, string Sha)
{
    public bool Created => Status == "created";
}
