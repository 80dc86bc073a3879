using LibGit2Sharp;

namespace Steward.Core.Governance.Sources;

/// <summary>
/// A governance repository read from a Git revision straight out of the object store (no checkout):
/// the folder is located inside its work tree, and the same sub-folder of the revision's tree is read.
/// </summary>
public sealed class GitRevisionSource : IRepositorySource
{
    private readonly string _folder;
    private readonly string _revision;
    private readonly string _option;

    /// <param name="option">The command-line option that named the revision, for error messages.</param>
    public GitRevisionSource(string folder, string revision, string option = "--rev")
    {
        _folder = Path.GetFullPath(folder);
        _revision = revision;
        _option = option;
        DisplayName = $"{folder}@{revision}";
    }

    public string DisplayName { get; }

    public IEnumerable<RepositoryFile> Files()
    {
        var gitDir = Repository.Discover(_folder)
            ?? throw new StewardInputException($"{_folder}: not inside a Git repository (needed for {_option} {_revision})");
        var files = new List<RepositoryFile>();
        using (var repo = new Repository(gitDir))
        {
            var workdir = repo.Info.WorkingDirectory
                ?? throw new StewardInputException($"{gitDir}: a bare repository has no work tree to locate {_folder} in");
            var subPath = Path.GetRelativePath(Path.GetFullPath(workdir), _folder).Replace('\\', '/');
            if (subPath == ".") subPath = "";

            var commit = ResolveCommit(repo);
            var tree = commit.Tree;
            if (subPath.Length > 0)
            {
                tree = commit[subPath]?.Target as Tree
                    ?? throw new StewardInputException($"{subPath}: folder not found at revision {_revision}");
            }
            // Blobs are read now, while the repository is open; text is small compared with the tree walk.
            Collect(tree, "", files);
        }
        files.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        return files;
    }

    private Commit ResolveCommit(Repository repo)
    {
        GitObject? target;
        try
        {
            target = repo.Lookup(_revision);
        }
        catch (LibGit2SharpException ex)
        {
            throw MissingRevision.Error(repo, _option, _revision, ex.Message);
        }
        if (target is null)
            throw MissingRevision.Error(repo, _option, _revision);
        return target.Peel<Commit>()
            ?? throw new StewardInputException($"{_option} {_revision}: not a commit");
    }

    private static void Collect(Tree tree, string prefix, List<RepositoryFile> files)
    {
        foreach (var entry in tree)
        {
            var path = prefix + entry.Name;
            if (entry.TargetType == TreeEntryTargetType.Tree)
            {
                if (!entry.Name.StartsWith('.')) Collect((Tree)entry.Target, path + "/", files);
            }
            else if (entry.TargetType == TreeEntryTargetType.Blob && !RepositoryLayout.IsIgnored(path) && !entry.Name.StartsWith('.'))
            {
                var text = ((Blob)entry.Target).GetContentText();
                files.Add(new RepositoryFile(path, () => text));
            }
        }
    }
}
