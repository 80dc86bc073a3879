using LibGit2Sharp;

namespace Steward.Core.Governance.Sources;

/// <summary>Where a repository folder sits in the Git work tree around it.</summary>
public static class GitWorkTree
{
    /// <summary>
    /// The folder relative to the root of the Git work tree that contains it, with '/' separators
    /// and a trailing '/' ("deploy/governance/"; "" at the root), or null when the folder is not in
    /// a Git work tree. CI systems (GitHub, GitLab) and SARIF viewers resolve paths from that root,
    /// wherever Steward was started.
    /// </summary>
    /// <remarks>Only Git's own metadata (the .git folder above) is read, never other files outside the folder.</remarks>
    public static string? FolderPrefix(string folder)
    {
        var full = Path.GetFullPath(folder);
        string? workdir;
        try
        {
            var gitDir = Repository.Discover(full);
            if (gitDir is null) return null;
            using var repo = new Repository(gitDir);
            workdir = repo.Info.WorkingDirectory;
        }
        catch (LibGit2SharpException)
        {
            // An unreadable .git is not this command's business: paths stay relative to the repository.
            return null;
        }
        if (workdir is null) return null;
        var relative = Path.GetRelativePath(Path.GetFullPath(workdir), full).Replace('\\', '/');
        if (relative == ".") return "";
        // A folder reached through a symbolic link can look outside the work tree; stay with the repository root.
        if (relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative)) return null;
        return relative.TrimEnd('/') + "/";
    }
}
