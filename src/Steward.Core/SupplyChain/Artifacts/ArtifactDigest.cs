using System.Security.Cryptography;
using System.Text;

namespace Steward.Core.SupplyChain.Artifacts;

/// <summary>The SHA-256 of one file of an artifact, by its path relative to the artifact root ('/' separators).</summary>
public sealed record FileDigest(string Path, string Sha256);

/// <summary>
/// The digest of a model artifact. For a folder: every regular file below it (symbolic links
/// followed) is hashed with SHA-256; the files are ordered by relative path, '/'-separated, by
/// byte (ordinal UTF-8) order; the artifact digest is the SHA-256 of the manifest, the lines
/// "&lt;sha256&gt;  &lt;relative path&gt;\n" in that order — exactly what sha256sum prints — so that
/// <c>cd DIR &amp;&amp; find -L . -type f -printf '%P\n' | LC_ALL=C sort | xargs -r -d '\n' sha256sum | sha256sum</c>
/// reproduces it. For a single file: the file's own SHA-256, as sha256sum prints it.
/// </summary>
public sealed record ArtifactDigest(IReadOnlyList<FileDigest> Files, string Sha256, bool IsDirectory)
{
    /// <summary>The sha256sum-style manifest the folder digest is computed over.</summary>
    public string Manifest => string.Concat(Files.Select(f => $"{f.Sha256}  {f.Path}\n"));

    /// <exception cref="StewardInputException">The path does not exist or holds a name sha256sum would escape.</exception>
    public static ArtifactDigest Compute(string path)
    {
        if (File.Exists(path))
        {
            var sha = HashFile(path);
            return new ArtifactDigest([new FileDigest(System.IO.Path.GetFileName(path), sha)], sha, IsDirectory: false);
        }
        if (!Directory.Exists(path))
            throw new StewardInputException($"{path}: no such file or folder.");

        var files = new List<FileDigest>();
        foreach (var (full, relative) in Walk(path))
            files.Add(new FileDigest(relative, HashFile(full)));
        files.Sort((a, b) => Utf8Order(a.Path, b.Path));
        return FromFiles(files);
    }

    /// <summary>The folder digest of already-hashed files (sorted here).</summary>
    public static ArtifactDigest FromFiles(IEnumerable<FileDigest> files)
    {
        var sorted = files.ToList();
        sorted.Sort((a, b) => Utf8Order(a.Path, b.Path));
        var manifest = string.Concat(sorted.Select(f => $"{f.Sha256}  {f.Path}\n"));
        var sha = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(manifest)));
        return new ArtifactDigest(sorted, sha, IsDirectory: true);
    }

    /// <summary>Byte order of the UTF-8 encodings (= Unicode code point order), as `LC_ALL=C sort` orders.</summary>
    public static int Utf8Order(string a, string b) =>
        Math.Sign(Encoding.UTF8.GetBytes(a).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(b)));

    private static string HashFile(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>Files below <paramref name="root"/>, following symbolic links, never visiting a folder twice (link cycles).</summary>
    private static IEnumerable<(string Full, string Relative)> Walk(string root)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<(string Full, string Relative)>();
        pending.Push((System.IO.Path.GetFullPath(root), ""));
        while (pending.Count > 0)
        {
            var (dir, rel) = pending.Pop();
            var real = new DirectoryInfo(dir).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? dir;
            if (!seen.Add(real)) continue;
            foreach (var entry in Directory.EnumerateFileSystemEntries(dir))
            {
                var name = System.IO.Path.GetFileName(entry);
                if (name.Contains('\n') || name.Contains('\\'))
                    throw new StewardInputException($"{entry}: file names with a newline or backslash are not supported (sha256sum would escape them).");
                var relative = rel.Length == 0 ? name : rel + "/" + name;
                if (Directory.Exists(entry)) pending.Push((entry, relative));
                else if (File.Exists(entry)) yield return (entry, relative);
                // Anything else (a dangling link, a socket) is not content and is left out.
            }
        }
    }
}
