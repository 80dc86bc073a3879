using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using LibGit2Sharp;
using Steward.Core.Governance;

namespace Steward.Server.Revisions;

/// <summary>
/// A cheap "has anything changed?" for a repository folder: the Git HEAD commit around it and the
/// path, size and modification time of every file the loader could read (hidden folders such as
/// .git and .steward skipped, as the loader skips them; folder links not followed). Equal
/// fingerprints skip a reload; a different one triggers a load, whose content hash decides
/// whether the revision really changed.
/// </summary>
internal static class FolderFingerprint
{
    public static string Of(string folder)
    {
        var builder = new StringBuilder();
        builder.Append("head:").Append(HeadCommit(folder)).Append('\n');
        var pending = new Stack<(string Full, string Relative)>();
        pending.Push((Path.GetFullPath(folder), ""));
        var entries = new List<string>();
        while (pending.Count > 0)
        {
            var (dir, rel) = pending.Pop();
            IEnumerable<FileSystemInfo> children;
            try
            {
                children = new DirectoryInfo(dir).EnumerateFileSystemInfos().ToList();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                entries.Add($"{rel}\0unreadable");
                continue;
            }
            foreach (var child in children)
            {
                var relative = rel.Length == 0 ? child.Name : rel + "/" + child.Name;
                if (RepositoryLayout.IsIgnored(relative)) continue;
                if (child.LinkTarget is { } target)
                    entries.Add($"{relative}\0link\0{target}");
                else if (child is DirectoryInfo)
                    pending.Push((child.FullName, relative));
                else if (child is FileInfo file)
                    entries.Add(string.Create(CultureInfo.InvariantCulture, $"{relative}\0{file.Length}\0{file.LastWriteTimeUtc.Ticks}"));
            }
        }
        entries.Sort(StringComparer.Ordinal);
        foreach (var entry in entries) builder.Append(entry).Append('\n');
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(builder.ToString())));
    }

    /// <summary>The HEAD commit of the Git work tree holding the folder, or null outside Git (or with no commit yet).</summary>
    public static string? HeadCommit(string folder)
    {
        try
        {
            var gitDir = Repository.Discover(Path.GetFullPath(folder));
            if (gitDir is null) return null;
            using var repo = new Repository(gitDir);
            return repo.Head?.Tip?.Sha;
        }
        catch (LibGit2SharpException)
        {
            return null; // an unreadable .git: the content hash alone identifies the revision
        }
    }
}
