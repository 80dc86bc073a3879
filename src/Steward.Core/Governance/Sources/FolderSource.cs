using Steward.Core.Security;

namespace Steward.Core.Governance.Sources;

/// <summary>
/// A governance repository read from a folder on disk, as Git would see it: a symbolic link is a
/// link, not a way out. Links are never read through: what a link inside the repository points
/// to is read at its own path (once), and a link whose target lies outside the root is listed in
/// <see cref="LinksOutsideRoot"/> (the repository-link-outside finding) and never opened. Folder
/// links are not descended, so link loops cannot arise. FIFOs, sockets and devices are never
/// opened; files are read with a size limit and decoded as strict UTF-8.
/// </summary>
public sealed class FolderSource : IRepositorySource
{
    private readonly string _root;
    private readonly string _realRoot;
    private readonly long _maxFileBytes;
    private List<string> _linksOutside = [];

    public FolderSource(string root, long maxFileBytes = ParseLimits.MaxRepositoryFileBytes)
    {
        _root = Path.GetFullPath(root);
        if (!Directory.Exists(_root))
            throw new StewardInputException($"{root}: repository folder not found");
        _realRoot = RealPath.Resolve(_root);
        _maxFileBytes = maxFileBytes;
        DisplayName = root;
    }

    public string DisplayName { get; }

    /// <inheritdoc/>
    public IReadOnlyList<string> LinksOutsideRoot => _linksOutside;

    public IEnumerable<RepositoryFile> Files()
    {
        var files = new List<RepositoryFile>();
        var outside = new List<string>();
        // Folders still to list, by real path and repository path (two stacks of strings rather than one
        // of tuples: generic code over a tuple is compiled at run time at every start).
        var pending = new Stack<string>();
        var pendingRelative = new Stack<string>();
        pending.Push(_realRoot);
        pendingRelative.Push("");
        while (pending.Count > 0)
        {
            var dir = pending.Pop();
            var rel = pendingRelative.Pop();
            foreach (var entry in Entries(dir))
            {
                var name = Path.GetFileName(entry);
                var relative = rel.Length == 0 ? name : rel + "/" + name;
                if (RepositoryLayout.IsIgnored(relative)) continue; // hidden, as before: .git, .steward, ...
                switch (FileNodes.Kind(entry))
                {
                    case FileNodeKind.Directory:
                        pending.Push(entry);
                        pendingRelative.Push(relative);
                        break;
                    case FileNodeKind.SymbolicLink:
                        if (!RealPath.IsWithin(RealPath.Resolve(entry), _realRoot)) outside.Add(relative);
                        break;
                    case FileNodeKind.RegularFile:
                    case FileNodeKind.Special: // listed so that reading it, if it is read, says what it is
                        var full = entry;
                        files.Add(new RepositoryFile(relative, () => SafeFile.ReadListedText(full, relative, _maxFileBytes)));
                        break;
                }
            }
        }
        files.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        outside.Sort(StringComparer.Ordinal);
        _linksOutside = outside;
        return files;
    }

    private static IEnumerable<string> Entries(string dir)
    {
        try
        {
            return Directory.GetFileSystemEntries(dir);
        }
        catch (UnauthorizedAccessException)
        {
            return []; // an unreadable folder is skipped, as before
        }
    }
}
