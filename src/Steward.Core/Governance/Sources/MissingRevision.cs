using LibGit2Sharp;

namespace Steward.Core.Governance.Sources;

/// <summary>
/// The one-line error for a revision that a clone does not have, saying what to run. CI checkouts
/// are shallow and single-branch (GitHub's default fetches one commit of the pull request), so
/// <c>origin/main</c> is usually simply not fetched yet.
/// </summary>
/// <remarks>
/// Steward does not fetch it itself: libgit2 (LibGit2Sharp 0.32) ignores the fetch depth and, fetching
/// into a shallow clone, deletes <c>.git/shallow</c>, which leaves the user's clone with commits whose
/// parents are missing (<c>git log</c> fails). The git command line, with the credentials the CI
/// checkout configured, fetches the base correctly; the message names the exact command.
/// </remarks>
public static class MissingRevision
{
    /// <param name="option">The command-line option that named the revision (e.g. <c>--base</c>).</param>
    /// <param name="detail">What libgit2 said, when it raised an error rather than finding nothing.</param>
    /// <remarks>The message is the whole story: libgit2's exception adds nothing a user can act on.</remarks>
    public static StewardInputException Error(Repository repo, string option, string revision, string? detail = null)
    {
        var what = $"{option} {revision}";
        var shallow = repo.Info.IsShallow;
        var fullHistory = "or check out with the full history, e.g. actions/checkout with fetch-depth: 0";

        var remoteBranch = RemoteBranch(revision);
        if (remoteBranch?.Remote == "origin" && repo.Network.Remotes["origin"] is null)
            return new StewardInputException(
                $"{what}: unknown revision, and this Git repository has no remote \"origin\" to fetch it from (add it with `git remote add origin URL`, or pass a revision that exists here)");
        if (remoteBranch is { Remote: var remote, Branch: var branch } && repo.Network.Remotes[remote] is not null)
        {
            var clone = shallow ? "this shallow clone" : "this clone";
            return new StewardInputException(
                $"{what}: {clone} has not fetched branch {branch} of {remote}; run `git fetch --depth=1 {remote} {branch}:refs/remotes/{remote}/{branch}` first, {fullHistory}");
        }
        // "main" where only a remote-tracking branch could exist (CI checkouts create no local branches).
        if (remoteBranch is null && IsBranchName(revision) && repo.Network.Remotes["origin"] is not null)
            return new StewardInputException(
                $"{what}: no such branch here; to compare with branch {revision} of origin, run `git fetch --depth=1 origin {revision}:refs/remotes/origin/{revision}` and pass {option} origin/{revision}");
        if (shallow)
        {
            var fetch = repo.Network.Remotes["origin"] is null
                ? "this shallow clone has no remote \"origin\" to fetch the rest of the history from"
                : $"run `git fetch --unshallow origin` first, {fullHistory}";
            return new StewardInputException($"{what}: not in this shallow clone (only its last commits were fetched); {fetch}");
        }
        return new StewardInputException($"{what}: {detail ?? "unknown revision"}");
    }

    /// <summary>A plain branch name (not a commit id, not revision syntax such as HEAD~1).</summary>
    private static bool IsBranchName(string revision) =>
        revision.Length > 0 && revision != "HEAD" && !revision.StartsWith('-') && !revision.Contains('/', StringComparison.Ordinal)
        && revision.IndexOfAny(['~', '^', ':', '@', ' ', '\\', '?', '*', '[']) < 0
        && !(revision.Length >= 7 && revision.All(Uri.IsHexDigit));

    /// <summary>
    /// <c>origin/main</c> or <c>refs/remotes/origin/main</c> as (remote, branch): the first path segment
    /// is the remote when a remote of that name is configured (a local branch may be named feature/x).
    /// </summary>
    public static (string Remote, string Branch)? RemoteBranch(string revision)
    {
        var name = revision.StartsWith("refs/remotes/", StringComparison.Ordinal) ? revision["refs/remotes/".Length..] : revision;
        var slash = name.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == name.Length - 1 || name.StartsWith("refs/", StringComparison.Ordinal)) return null;
        // Revision syntax (HEAD~1, main^, a:path, @{u}) is not a plain branch name.
        if (name.IndexOfAny(['~', '^', ':', '@', ' ', '\\', '?', '*', '[']) >= 0) return null;
        return (name[..slash], name[(slash + 1)..]);
    }
}
