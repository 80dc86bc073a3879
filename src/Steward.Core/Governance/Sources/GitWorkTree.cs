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
        var workdir = WorkTreeRoot(full);
        if (workdir is null) return null;
        var relative = Path.GetRelativePath(workdir, full).Replace('\\', '/');
        if (relative == ".") return "";
        // A folder reached through a symbolic link can look outside the work tree; stay with the repository root.
        if (relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative)) return null;
        return relative.TrimEnd('/') + "/";
    }

    /// <summary>
    /// The nearest folder at or above <paramref name="folder"/> holding a <c>.git</c> folder (with a HEAD,
    /// as Git requires) or a <c>.git</c> file (a linked work tree or a submodule), as Git's discovery
    /// finds the work tree. Done by hand rather than with LibGit2Sharp's <c>Repository.Discover</c>:
    /// every <c>steward check</c> asks, and loading libgit2 costs more than the walk (docs/benchmarks.md).
    /// </summary>
    internal static string? WorkTreeRoot(string folder)
    {
        for (var dir = new DirectoryInfo(folder); dir is not null; dir = dir.Parent)
        {
            var dotGit = Path.Combine(dir.FullName, ".git");
            if (File.Exists(dotGit) || File.Exists(Path.Combine(dotGit, "HEAD"))) return dir.FullName;
        }
        return null;
    }
}
