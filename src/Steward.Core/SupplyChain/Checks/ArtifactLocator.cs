using Steward.Core.Security;

namespace Steward.Core.SupplyChain.Checks;

/// <summary>
/// Maps a ModelVersion's <c>spec.artifact.uri</c> onto a local copy under the <c>--artifacts</c>
/// folder. For <c>scheme://bucket/path/</c> it tries, in order, <c>DIR/path</c> (scheme and bucket
/// stripped) and <c>DIR/bucket/path</c> (scheme stripped); a URI without a scheme is taken as
/// <c>DIR/uri</c>. Trailing slashes are ignored; a URI with a <c>..</c> or <c>.</c> segment maps to nothing.
/// </summary>
public static class ArtifactLocator
{
    /// <summary>The candidate paths, in the order they are tried.</summary>
    public static IReadOnlyList<string> Candidates(string artifactsDirectory, string uri)
    {
        var rest = uri.Trim();
        var scheme = rest.IndexOf("://", StringComparison.Ordinal);
        var hasScheme = scheme > 0;
        if (hasScheme) rest = rest[(scheme + 3)..];
        var query = rest.IndexOfAny(['?', '#']);
        if (query >= 0) rest = rest[..query];
        var segments = rest.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length == 0 || segments.Any(s => s is ".." or "." || s.Contains('\\', StringComparison.Ordinal)))
            return [];
        var candidates = new List<string>();
        if (hasScheme && segments.Length > 1)
            candidates.Add(Path.Combine([artifactsDirectory, .. segments[1..]]));
        candidates.Add(Path.Combine([artifactsDirectory, .. segments]));
        return candidates;
    }

    /// <summary>The first candidate that exists (file or folder), or null.</summary>
    /// <exception cref="StewardInputException">
    /// The candidate is (or passes through) a symbolic link that leads outside the folder: the URI comes
    /// from the repository, so it must not reach past the folder the user gave.
    /// </exception>
    public static string? Locate(string artifactsDirectory, string uri)
    {
        var found = Candidates(artifactsDirectory, uri).FirstOrDefault(c => File.Exists(c) || Directory.Exists(c));
        if (found is not null && !RealPath.IsWithin(RealPath.Resolve(found), RealPath.Resolve(artifactsDirectory)))
        {
            var shown = Path.GetRelativePath(Path.GetFullPath(artifactsDirectory), Path.GetFullPath(found)).Replace('\\', '/');
            throw new StewardInputException($"--artifacts {artifactsDirectory}: {shown}: a symbolic link that leads outside the folder; it is not followed");
        }
        return found;
    }

    /// <summary>The signature expected beside an artifact: the artifact path without trailing separators, plus ".dsse.json".</summary>
    public static string SignatureBeside(string artifactPath) =>
        artifactPath.TrimEnd('/', Path.DirectorySeparatorChar) + ".dsse.json";

    /// <summary>"sha256:ABC" or "ABC" → "abc".</summary>
    public static string NormaliseSha256(string value)
    {
        var v = value.Trim();
        if (v.StartsWith("sha256:", StringComparison.OrdinalIgnoreCase)) v = v[7..];
        return v.ToLowerInvariant();
    }
}
