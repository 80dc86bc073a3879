using LibGit2Sharp;
using Steward.Core.Security;

namespace Steward.Core.Governance.Sources;

/// <summary>
/// A governance repository read from a Git revision straight out of the object store (no checkout):
/// the folder is located inside its work tree, and the same sub-folder of the revision's tree is read.
/// Git stores a symbolic link as a link: it is not read (its target, when inside the folder, is read at
/// its own path), and one whose target leaves the folder is listed in <see cref="LinksOutsideRoot"/>,
/// exactly as <see cref="FolderSource"/> does. Blobs are read with the same size limit and strict UTF-8.
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

    /// <inheritdoc/>
    public IReadOnlyList<string> LinksOutsideRoot { get; private set; } = [];

    public IEnumerable<RepositoryFile> Files()
    {
        var outside = new List<string>();
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
            Collect(tree, "", files, outside);
        }
        files.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        outside.Sort(StringComparer.Ordinal);
        LinksOutsideRoot = outside;
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

    private static void Collect(Tree tree, string prefix, List<RepositoryFile> files, List<string> outside)
    {
        foreach (var entry in tree)
        {
            var path = prefix + entry.Name;
            if (entry.TargetType == TreeEntryTargetType.Tree)
            {
                if (!entry.Name.StartsWith('.')) Collect((Tree)entry.Target, path + "/", files, outside);
            }
            else if (entry.TargetType == TreeEntryTargetType.Blob && !RepositoryLayout.IsIgnored(path) && !entry.Name.StartsWith('.'))
            {
                var blob = (Blob)entry.Target;
                if (entry.Mode == Mode.SymbolicLink)
                {
                    if (LeavesRoot(path, ReadLinkText(blob))) outside.Add(path);
                    continue;
                }
                if (blob.Size > ParseLimits.MaxRepositoryFileBytes)
                {
                    // Only a file Steward reads is an error: a large binary elsewhere in the tree is not its business.
                    files.Add(new RepositoryFile(path, () => throw new StewardInputException(
                        $"{path}: larger than the limit of {ParseLimits.MaxRepositoryFileBytes} bytes ({ParseLimits.MaxRepositoryFileBytes / (1024 * 1024)} MiB) for a file Steward reads")));
                    continue;
                }
                // The bytes are taken now, while the repository is open; they are decoded (strictly) only if read.
                using var stream = blob.GetContentStream();
                using var buffer = new MemoryStream();
                stream.CopyTo(buffer);
                var bytes = buffer.ToArray();
                files.Add(new RepositoryFile(path, () => StrictText.Decode(bytes, path)));
            }
        }
    }

    private static string ReadLinkText(Blob blob)
    {
        using var reader = new StreamReader(blob.GetContentStream());
        return reader.ReadToEnd();
    }

    /// <summary>
    /// Whether a link at <paramref name="path"/> (relative to the root) with target <paramref name="target"/>
    /// points outside the root, judged on the text alone as Git checks out a link: absolute, or climbing above the root.
    /// </summary>
    internal static bool LeavesRoot(string path, string target)
    {
        if (target.StartsWith('/') || target.StartsWith('\\') || (target.Length > 1 && target[1] == ':')) return true;
        var depth = path.Count(c => c == '/'); // folders above the link, below the root
        foreach (var part in target.Split('/', '\\'))
        {
            if (part == "..") depth--;
            else if (part is not ("" or ".")) depth++;
            if (depth < 0) return true;
        }
        return false;
    }
}
