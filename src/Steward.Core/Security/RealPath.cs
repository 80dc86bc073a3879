namespace Steward.Core.Security;

/// <summary>
/// The path a file system path really names, every symbolic link resolved as realpath(3) does
/// (a link inside a folder that is itself reached through a link included), computed with lstat
/// and readlink only: no file is opened. Components that do not exist are kept as written.
/// </summary>
public static class RealPath
{
    /// <summary>As Linux's MAXSYMLINKS: more link hops than this is a loop.</summary>
    public const int MaxLinkHops = 40;

    /// <exception cref="StewardInputException">More than <see cref="MaxLinkHops"/> links (a loop).</exception>
    public static string Resolve(string path)
    {
        var full = Path.GetFullPath(path);
        var current = Path.GetPathRoot(full)!;
        var pending = new Stack<string>();
        Push(pending, full[current.Length..]);
        var hops = 0;
        while (pending.Count > 0)
        {
            var part = pending.Pop();
            if (part is "" or ".") continue;
            if (part == "..")
            {
                current = Path.GetDirectoryName(current) ?? current; // the parent of the root is the root
                continue;
            }
            var next = Path.Join(current, part);
            var target = new FileInfo(next).LinkTarget;
            if (target is null)
            {
                current = next;
                continue;
            }
            if (++hops > MaxLinkHops)
                throw new StewardInputException($"{path}: too many levels of symbolic links (more than {MaxLinkHops})");
            if (Path.IsPathRooted(target)) current = Path.GetPathRoot(Path.GetFullPath(target))!;
            Push(pending, Path.IsPathRooted(target) ? target[Path.GetPathRoot(target)!.Length..] : target);
        }
        return current;
    }

    /// <summary>Whether <paramref name="realPath"/> is <paramref name="realRoot"/> or lies below it.</summary>
    public static bool IsWithin(string realPath, string realRoot)
    {
        var root = Path.TrimEndingDirectorySeparator(realRoot);
        return realPath == root
            || (realPath.StartsWith(root, StringComparison.Ordinal) && realPath.Length > root.Length
                && (realPath[root.Length] == Path.DirectorySeparatorChar || realPath[root.Length] == Path.AltDirectorySeparatorChar
                    || root.EndsWith(Path.DirectorySeparatorChar)));
    }

    private static void Push(Stack<string> pending, string relative)
    {
        var parts = relative.Split([Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar]);
        for (var i = parts.Length - 1; i >= 0; i--) pending.Push(parts[i]);
    }
}
