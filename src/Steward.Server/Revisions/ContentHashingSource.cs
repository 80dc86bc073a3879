using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Steward.Core.Governance.Sources;

namespace Steward.Server.Revisions;

/// <summary>
/// A repository source that remembers the text of every file the loader reads (it reads them on
/// several threads), so that the revision's content hash costs no second read and covers exactly
/// what the revision was built from.
/// </summary>
internal sealed class ContentHashingSource(IRepositorySource inner) : IRepositorySource
{
    private readonly ConcurrentDictionary<string, string> _read = new(StringComparer.Ordinal);

    public string DisplayName => inner.DisplayName;

    public IReadOnlyList<string> LinksOutsideRoot => inner.LinksOutsideRoot;

    public IEnumerable<RepositoryFile> Files() =>
        inner.Files().Select(f => new RepositoryFile(f.Path, () => _read[f.Path] = f.ReadText())).ToList();

    /// <summary>Hex SHA-256 over (path, text) of the files read, in ordinal path order, and the links leaving the root.</summary>
    public string ContentHash()
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (path, text) in _read.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            sha.AppendData(Encoding.UTF8.GetBytes(path));
            sha.AppendData([0]);
            sha.AppendData(Encoding.UTF8.GetBytes(text));
            sha.AppendData([0]);
        }
        foreach (var link in LinksOutsideRoot)
        {
            sha.AppendData(Encoding.UTF8.GetBytes("link:" + link));
            sha.AppendData([0]);
        }
        return Convert.ToHexString(sha.GetHashAndReset()).ToLowerInvariant();
    }
}
