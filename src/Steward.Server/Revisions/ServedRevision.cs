using Steward.Core.Governance;
using Steward.Core.Policy;

namespace Steward.Server.Revisions;

/// <summary>One loaded revision of the governance repository, as the server serves it.</summary>
/// <param name="Id">
/// <c>COMMIT12+CONTENT12</c> in a Git work tree (the HEAD commit, then the content hash, so that
/// uncommitted edits make a new revision), <c>CONTENT16</c> elsewhere; see <see cref="RevisionLoader"/>.
/// </param>
public sealed record ServedRevision(string Id, GovernanceRepository Repository, DateTimeOffset LoadedAt)
{
    /// <summary>The HEAD commit of the Git work tree the repository was read from, or null.</summary>
    public string? Commit { get; init; }

    /// <summary>Hex SHA-256 over the path and text of every repository file the loader read.</summary>
    public string? ContentHash { get; init; }

    /// <summary>
    /// The built-in checks and the repository's policies run once over this revision when it was
    /// loaded (the policies compiled then): what /metrics counts. Null only for revisions made by hand.
    /// </summary>
    public CheckResult? Check { get; init; }
}
