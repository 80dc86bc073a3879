using System.Security.Cryptography;
using System.Text;
using Steward.Core.Security;

namespace Steward.Core.SupplyChain.Artifacts;

/// <summary>The SHA-256 of one file of an artifact, by its path relative to the artifact root ('/' separators).</summary>
public sealed record FileDigest(string Path, string Sha256);

/// <summary>
/// The digest of a model artifact. For a folder: every regular file below it (symbolic links
/// followed while they stay inside the folder; one that leaves it is an input error, and FIFOs,
/// sockets and devices are left out unopened, as <c>-type f</c> leaves them out) is hashed with SHA-256; the files are ordered by relative path, '/'-separated, by
/// byte (ordinal UTF-8) order; the artifact digest is the SHA-256 of the manifest, the lines
/// "&lt;sha256&gt;  &lt;relative path&gt;\n" in that order — exactly what sha256sum prints — so that
/// <c>cd DIR &amp;&amp; find -L . -type f -printf '%P\n' | LC_ALL=C sort | xargs -r -d '\n' sha256sum | sha256sum</c>
/// reproduces it. For a single file: the file's own SHA-256, as sha256sum prints it.
/// </summary>
public sealed record ArtifactDigest(IReadOnlyList<FileDigest> Files, string Sha256, bool IsDirectory)
{
    /// <summary>The sha256sum-style manifest the folder digest is computed over.</summary>
    public string Manifest => string.Concat(Files.Select(f => $"{f.Sha256}  {f.Path}\n"));

    /// <param name="path">The artifact: a file or a folder (a link to one is followed: the user named it).</param>
    /// <exception cref="StewardInputException">
    /// The path does not exist, is a FIFO, socket or device, holds a link out of the
    /// folder, or holds a name sha256sum would escape.
    /// </exception>
    public static ArtifactDigest Compute(string path)
    {
        var real = RealPath.Resolve(path);
        switch (FileNodes.Kind(real))
        {
            case FileNodeKind.RegularFile:
                var sha = HashFile(real);
                return new ArtifactDigest([new FileDigest(System.IO.Path.GetFileName(path), sha)], sha, IsDirectory: false);
            case FileNodeKind.Directory:
                break;
            case FileNodeKind.Missing:
                throw new StewardInputException($"{path}: no such file or folder.");
            default:
                throw new StewardInputException($"{path}: not a regular file or folder (a FIFO, socket or device); Steward never opens those.");
        }

        var files = new List<FileDigest>();
        foreach (var file in FolderWalk.Files(real, path.TrimEnd('/', System.IO.Path.DirectorySeparatorChar)))
        {
            if (file.RelativePath.Contains('\n') || file.RelativePath.Contains('\\'))
                throw new StewardInputException($"{System.IO.Path.Combine(path, file.RelativePath)}: file names with a newline or backslash are not supported (sha256sum would escape them).");
            files.Add(new FileDigest(file.RelativePath, HashFile(file.FullPath)));
        }
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
        // A FIFO, socket or device reports length 0: an empty file is hashed without being opened (see FileNodes).
        if (new FileInfo(path).Length == 0) return Convert.ToHexStringLower(SHA256.HashData([]));
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
