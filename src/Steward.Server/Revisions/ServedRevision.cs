using Steward.Core.Governance;

namespace Steward.Server.Revisions;

/// <summary>One loaded revision of the governance repository, as the server serves it.</summary>
/// <param name="Id">The Git commit, or a content hash for a folder that is not a Git work tree.</param>
public sealed record ServedRevision(string Id, GovernanceRepository Repository, DateTimeOffset LoadedAt);
