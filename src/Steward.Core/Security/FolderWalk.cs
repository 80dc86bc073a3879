namespace Steward.Core.Security;

/// <summary>A regular file found by <see cref="FolderWalk"/>: where it really is, and its path relative to the folder walked ('/' separators).</summary>
public sealed record WalkedFile(string FullPath, string RelativePath);

/// <summary>
/// Walks a folder someone else filled (an artifact folder, an OSV database), the way
/// <c>find -L DIR -type f</c> would, but fenced in: symbolic links are followed only while they
/// stay inside the folder (a link that leaves it is an input error naming the link), each real
/// folder is visited once (link loops end), and FIFOs, sockets and devices are left out unopened,
/// as <c>-type f</c> leaves them out.
/// </summary>
public static class FolderWalk
{
    /// <exception cref="StewardInputException">A link leads outside <paramref name="folder"/>, or a link loop.</exception>
    public static IEnumerable<WalkedFile> Files(string folder, string displayName)
    {
        var realRoot = RealPath.Resolve(folder);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<(string Real, string Relative)>();
        pending.Push((realRoot, ""));
        while (pending.Count > 0)
        {
            var (dir, rel) = pending.Pop();
            if (!seen.Add(dir)) continue;
            foreach (var entry in Directory.EnumerateFileSystemEntries(dir).Order(StringComparer.Ordinal))
            {
                var name = Path.GetFileName(entry);
                var relative = rel.Length == 0 ? name : rel + "/" + name;
                var real = entry;
                var kind = FileNodes.Kind(entry);
                if (kind == FileNodeKind.SymbolicLink)
                {
                    real = RealPath.Resolve(entry);
                    if (!RealPath.IsWithin(real, realRoot))
                        throw new StewardInputException($"{displayName}/{relative}: a symbolic link that leads outside {displayName}; it is not followed");
                    kind = FileNodes.Kind(real);
                }
                if (kind == FileNodeKind.Directory) pending.Push((real, relative));
                else if (kind == FileNodeKind.RegularFile) yield return new WalkedFile(real, relative);
                // A dangling link, a FIFO, a socket or a device holds no content: left out, never opened.
            }
        }
    }
}
