using Steward.Core.Application.Check;
using Steward.Core.Governance;
using Steward.Core.Governance.Sources;

namespace Steward.Server.Revisions;

/// <summary>
/// Loads one revision from a repository folder, as <c>steward check</c> would: the loader (every
/// file error named), <see cref="RepositoryScan.RequireObjects"/>, then the built-in checks and the
/// policies, compiled and evaluated once by the same check service as `steward check` (whose result
/// `GET /api/v1/findings` serves). Any failure throws (a StewardInputException for the
/// repository's faults) and nothing is published; the caller keeps the last good revision.
/// </summary>
public sealed class RevisionLoader(CheckService checks, TimeProvider clock)
{
    public ServedRevision Load(string folder, CancellationToken cancellationToken = default)
    {
        var source = new ContentHashingSource(new FolderSource(folder));
        var repository = RepositoryLoader.Load(source, folder);
        RepositoryScan.RequireObjects(repository);
        var content = source.ContentHash();
        var commit = FolderFingerprint.HeadCommit(folder);
        var check = checks.Check(repository, cancellationToken: cancellationToken);
        return new ServedRevision(RevisionId(commit, content), repository, clock.GetUtcNow())
        {
            Commit = commit,
            ContentHash = content,
            Check = check,
        };
    }

    /// <summary><c>COMMIT12+CONTENT12</c> in a Git work tree, <c>CONTENT16</c> elsewhere (hex, lower case).</summary>
    public static string RevisionId(string? commit, string contentHash) =>
        commit is null ? contentHash[..16] : $"{commit[..12]}+{contentHash[..12]}";
}
