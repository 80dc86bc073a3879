using Steward.Core.Security;

namespace Steward.Core.FinOps.DropFolder;

/// <summary>
/// Lists the export files of a drop folder, fenced in: symbolic links are never followed (a link
/// could lead out of the folder, or loop), FIFOs, sockets and devices are never opened, the walk is
/// bounded in depth and entries (<see cref="DropFolderLimits"/>), and the files that sync tools write
/// while downloading (hidden files, *.tmp, *.part, ...) are not exports yet. The order is ordinal by
/// path, so two scans of the same folder give the same list.
/// </summary>
public sealed class DropFolderScanner(string folder, DropFolderLimits limits)
{
    /// <summary>Suffixes of in-progress downloads (rclone .partial, azcopy/aws temp names, browsers, WinSCP).</summary>
    private static readonly string[] TemporarySuffixes = [".tmp", ".temp", ".part", ".partial", ".download", ".crdownload", ".filepart", ".incomplete"];

    public string Folder { get; } = Path.GetFullPath(folder);

    /// <exception cref="StewardInputException">The folder does not exist or is not a folder.</exception>
    public DropFolderScan Scan()
    {
        if (FileNodes.Kind(Folder) != FileNodeKind.Directory)
            throw new StewardInputException($"{folder}: not a folder (a cost export drop folder must be a folder, not a link to one)");
        var scannedAt = DateTime.UtcNow;
        var files = new List<DropFile>();
        var leftOut = new List<string>();
        var entries = 0;
        var pending = new Stack<(string Full, string Relative, int Depth)>();
        pending.Push((Folder, "", 0));
        while (pending.Count > 0)
        {
            var (dir, rel, depth) = pending.Pop();
            IEnumerable<string> children;
            try
            {
                children = Directory.EnumerateFileSystemEntries(dir).Order(StringComparer.Ordinal).ToList();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                leftOut.Add($"{Shown(rel)}: cannot list: {e.Message}");
                continue;
            }
            // Pushed in reverse so that folders are visited in ordinal order.
            var subfolders = new List<(string, string, int)>();
            foreach (var entry in children)
            {
                if (++entries > limits.MaxEntries)
                {
                    leftOut.Add($"{folder}: more than {limits.MaxEntries} entries; the rest of the folder was not scanned");
                    return Result();
                }
                var name = Path.GetFileName(entry);
                var relative = rel.Length == 0 ? name : rel + "/" + name;
                switch (FileNodes.Kind(entry))
                {
                    case FileNodeKind.SymbolicLink:
                        leftOut.Add($"{relative}: a symbolic link; not followed");
                        break;
                    case FileNodeKind.Directory when name.StartsWith('.'):
                        break;
                    case FileNodeKind.Directory when depth + 1 > limits.MaxDepth:
                        leftOut.Add($"{relative}: deeper than {limits.MaxDepth} folders; not scanned");
                        break;
                    case FileNodeKind.Directory:
                        subfolders.Add((entry, relative, depth + 1));
                        break;
                    case FileNodeKind.RegularFile:
                        if (Classify(name) is not { } kind)
                            break;
                        var info = new FileInfo(entry);
                        if (kind == DropFileKind.Data && info.Length > limits.MaxFileBytes)
                        {
                            leftOut.Add($"{relative}: {info.Length} bytes, over the limit of {limits.MaxFileBytes}; not imported");
                            break;
                        }
                        files.Add(new DropFile(entry, relative, kind, info.Length, info.LastWriteTimeUtc));
                        break;
                    // FIFOs, sockets, devices and entries that vanished: nothing to import, never opened.
                }
            }
            for (var i = subfolders.Count - 1; i >= 0; i--)
                pending.Push(subfolders[i]);
        }
        return Result();

        DropFolderScan Result() => new(files.OrderBy(f => f.RelativePath, StringComparer.Ordinal).ToList(), leftOut, scannedAt);
    }

    private string Shown(string relative) => relative.Length == 0 ? folder : relative;

    /// <summary>The kind of a file from its name; null for what is not an export (README, _SUCCESS, checksums, temporaries).</summary>
    public static DropFileKind? Classify(string name)
    {
        var lower = name.ToLowerInvariant();
        if (lower.StartsWith('.') || TemporarySuffixes.Any(lower.EndsWith))
            return null;
        if (lower.EndsWith("-manifest.json"))
            return DropFileKind.AwsManifest;
        if (lower == "manifest.json")
            return DropFileKind.AzureManifest;
        if (lower.EndsWith(".csv") || lower.EndsWith(".csv.gz") || lower.EndsWith(".parquet"))
            return DropFileKind.Data;
        return null;
    }
}
