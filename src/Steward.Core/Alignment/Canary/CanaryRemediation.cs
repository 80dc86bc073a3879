namespace Steward.Core.Alignment.Canary;

/// <summary>One rollback committed for a Failed canary: its title, branch, "created" or "exists", and commit.</summary>
public sealed record CanaryRollback(string Title, string Branch, string Status, string Sha);

/// <summary>What a Failed canary's remediation did: the rollbacks committed, and why a workload was not rolled back.</summary>
public sealed record CanaryRemediation(IReadOnlyList<CanaryRollback> Rollbacks, IReadOnlyList<string> Skipped);
