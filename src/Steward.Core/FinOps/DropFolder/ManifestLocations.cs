namespace Steward.Core.FinOps.DropFolder;

/// <summary>
/// Finds the local copy of a file a manifest lists. The manifest names it where the cloud wrote it
/// (<c>s3://bucket/prefix/export/data/BILLING_PERIOD=2024-09/export-00001.csv.gz</c>, or a blob name
/// relative to the container); the drop folder holds a sync of some prefix of that. The copy is the
/// data file whose path in the folder is the longest trailing match of the location's path: the file
/// name alone is not enough (AWS names the parts of every month alike).
/// </summary>
internal static class ManifestLocations
{
    public static DropFile? Find(string location, string manifestPath, IReadOnlyList<DropFile> dataFiles)
    {
        var segments = Segments(location);
        if (segments.Length == 0)
            return null;
        DropFile? best = null;
        var bestScore = (Suffix: 0, Near: -1);
        foreach (var file in dataFiles)
        {
            if (!string.Equals(file.Name, segments[^1], StringComparison.Ordinal))
                continue;
            var local = file.RelativePath.Split('/');
            var suffix = 0;
            while (suffix < local.Length && suffix < segments.Length
                && string.Equals(local[^(suffix + 1)], segments[^(suffix + 1)], StringComparison.Ordinal))
                suffix++;
            var score = (suffix, Near: CommonPrefix(file.RelativePath, manifestPath));
            if (score.CompareTo(bestScore) > 0)
            {
                best = file;
                bestScore = score;
            }
        }
        return best;
    }

    /// <summary>The path segments of an S3 URI (without scheme and bucket), an https blob URL, or a plain key.</summary>
    private static string[] Segments(string location)
    {
        var path = location;
        var scheme = path.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0)
        {
            var afterHost = path.IndexOf('/', scheme + 3);
            path = afterHost < 0 ? "" : path[(afterHost + 1)..];
        }
        var query = path.IndexOfAny(['?', '#']);
        if (query >= 0)
            path = path[..query];
        return path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToArray();
    }

    private static int CommonPrefix(string a, string b)
    {
        var n = 0;
        while (n < a.Length && n < b.Length && a[n] == b[n])
            n++;
        return n;
    }
}
