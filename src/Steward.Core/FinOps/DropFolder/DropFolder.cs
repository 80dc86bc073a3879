using Steward.Core.Security;
using Steward.Core.Storage;

namespace Steward.Core.FinOps.DropFolder;

/// <summary>
/// A folder that cloud cost exports are synced into (<c>aws s3 sync</c>, <c>azcopy sync</c>,
/// <c>gcloud storage rsync</c>, or a mounted bucket), imported scan by scan. The object remembers what
/// the previous scan saw, which is how a half-written file is recognised: a data file is imported only
/// once its size and write time are the same in two consecutive scans, or once the export's manifest
/// lists it with exactly its size (Azure). Each scan groups the files into runs
/// (<see cref="ExportRun"/>: a manifest's files, or a folder's files), leaves out runs a later run of
/// the same export and period supersedes, and imports each ready run in its own transaction, oldest
/// first (<see cref="DropRunImporter"/>). Importing is idempotent: a file whose content is in the
/// store is never loaded again, so a rerun over the same folder changes nothing.
/// </summary>
public sealed class DropFolder
{
    private readonly DropFolderScanner scanner;
    private readonly DropFolderLimits limits;

    /// <summary>What the previous scan saw, by relative path.</summary>
    private Dictionary<string, DropFile> previous = new(StringComparer.Ordinal);

    /// <summary>Content hashes by relative path, valid while the file keeps the signature it had when hashed.</summary>
    private readonly Dictionary<string, (DropFile File, string Sha)> hashes = new(StringComparer.Ordinal);

    /// <summary>Parsed manifests (or their error), valid while the manifest keeps its signature.</summary>
    private readonly Dictionary<string, (DropFile File, ExportManifest? Manifest, string? Error)> manifests = new(StringComparer.Ordinal);

    /// <summary>Runs that failed, with their signature then: not tried again until a file changes.</summary>
    private readonly Dictionary<string, (string Signature, string Line)> failed = new(StringComparer.Ordinal);

    /// <param name="folder">The drop folder, as messages name it (file names in messages are under it).</param>
    public DropFolder(string folder, DropFolderLimits? limits = null)
    {
        Folder = folder;
        this.limits = limits ?? DropFolderLimits.Default;
        scanner = new DropFolderScanner(folder, this.limits);
    }

    public string Folder { get; }

    /// <summary>Scans and remembers what is there, importing nothing: the first look of a one-shot import.</summary>
    public DropFolderScan Observe()
    {
        var scan = scanner.Scan();
        previous = scan.Files.ToDictionary(f => f.RelativePath, StringComparer.Ordinal);
        return scan;
    }

    /// <summary>One scan: imports every run that is complete and has new content; says what it did with each run.</summary>
    public DropFolderPass Pass(IStewardStore store, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        var scan = scanner.Scan();
        var before = previous;
        previous = scan.Files.ToDictionary(f => f.RelativePath, StringComparer.Ordinal);
        var leftOut = new List<string>(scan.LeftOut);
        var outcomes = new List<DropRunOutcome>();
        var ready = new List<ExportRun>();
        foreach (var (run, verdict, line) in Plan(scan, before, leftOut))
        {
            if (verdict is { } status)
                outcomes.Add(new DropRunOutcome(run, status, line!));
            else
                ready.Add(run);
        }

        foreach (var run in ready.OrderBy(r => r.LastWriteUtc).ThenBy(r => r.Key, StringComparer.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (failed.TryGetValue(run.Key, out var failure) && failure.Signature == run.Signature)
            {
                outcomes.Add(new DropRunOutcome(run, DropRunStatus.Failed, failure.Line));
                continue;
            }
            try
            {
                var runHashes = run.Files.ToDictionary(f => f.RelativePath, Hash, StringComparer.Ordinal);
                outcomes.Add(DropRunImporter.Import(store, run, Folder, runHashes, progress));
                failed.Remove(run.Key);
            }
            catch (StewardInputException e)
            {
                failed[run.Key] = (run.Signature, e.Message);
                outcomes.Add(new DropRunOutcome(run, DropRunStatus.Failed, e.Message));
            }
            catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or IOException)
            {
                // The sync replaced or removed a file between the scan and the import: the next scan sees it anew.
                outcomes.Add(new DropRunOutcome(run, DropRunStatus.Waiting, $"{run.Label}: waiting: a file changed during the import ({e.Message})"));
            }
        }
        return new DropFolderPass(outcomes.OrderBy(o => o.Run.Key, StringComparer.Ordinal).ToList(), leftOut);
    }

    private string Hash(DropFile file)
    {
        if (hashes.TryGetValue(file.RelativePath, out var cached) && cached.File.SameSignature(file))
            return cached.Sha;
        var sha = StewardStore.ContentHash(file.FullPath);
        hashes[file.RelativePath] = (file, sha);
        return sha;
    }

    /// <summary>The runs of a scan, each with a verdict (null: ready to import) and, when it has one, the line saying why.</summary>
    private IEnumerable<(ExportRun Run, DropRunStatus? Verdict, string? Line)> Plan(
        DropFolderScan scan, IReadOnlyDictionary<string, DropFile> before, List<string> leftOut)
    {
        var data = scan.Files.Where(f => f.Kind == DropFileKind.Data).ToList();
        bool Settled(DropFile f) => before.TryGetValue(f.RelativePath, out var seen) && seen.SameSignature(f);

        var parsed = new List<(DropFile File, ExportManifest Manifest, ExportRun Run, Dictionary<string, long?> Bytes)>();
        var claimed = new HashSet<string>(StringComparer.Ordinal);
        var claimedFolders = new HashSet<string>(StringComparer.Ordinal);
        var results = new List<(ExportRun, DropRunStatus?, string?)>();
        foreach (var file in scan.Files.Where(f => f.Kind != DropFileKind.Data))
        {
            var (manifest, error) = ReadManifest(file);
            if (manifest is null)
            {
                var run = new ExportRun("manifest:" + file.RelativePath, file.RelativePath, null, [], []);
                results.Add(Settled(file)
                    ? (run, DropRunStatus.Failed, error)
                    : (run, DropRunStatus.Waiting, $"{file.RelativePath}: waiting: the manifest is being written"));
                continue;
            }
            var files = new List<DropFile>();
            var missing = new List<string>();
            var expected = new Dictionary<string, long?>(StringComparer.Ordinal);
            foreach (var entry in manifest.Files)
            {
                if (ManifestLocations.Find(entry.Location, file.RelativePath, data) is { } local)
                {
                    files.Add(local);
                    expected[local.RelativePath] = entry.Bytes;
                    claimed.Add(local.RelativePath);
                    claimedFolders.Add(local.Directory);
                }
                else
                    missing.Add(entry.Location);
            }
            var label = $"{(manifest.Provider == "AWS" ? "AWS" : "Azure")} export {manifest.Name}, {manifest.PeriodLabel} ({file.RelativePath})";
            parsed.Add((file, manifest, new ExportRun("manifest:" + file.RelativePath, label, manifest,
                files.DistinctBy(f => f.RelativePath).ToList(), missing), expected));
        }

        // Several runs of one export and period (Azure keeps a folder per run): only the latest counts.
        var latest = parsed
            .GroupBy(p => (p.Manifest.Provider, p.Manifest.Export, Period: p.Manifest.PeriodStart?.Ticks ?? -1L))
            .Select(g => g.OrderBy(p => p.Manifest.RunAtUtc ?? p.File.LastWriteUtc).ThenBy(p => p.File.RelativePath, StringComparer.Ordinal).Last())
            .Select(p => p.File.RelativePath)
            .ToHashSet(StringComparer.Ordinal);
        foreach (var (file, manifest, run, expected) in parsed)
        {
            if (!latest.Contains(file.RelativePath))
            {
                results.Add((run, DropRunStatus.Superseded, $"{run.Label}: superseded by a later run of the same export and period"));
                continue;
            }
            if (run.Missing.Count > 0)
            {
                results.Add((run, DropRunStatus.Waiting, $"{run.Label}: waiting for {run.Missing.Count} of {manifest.Files.Count} listed files, first {run.Missing[0]}"));
                continue;
            }
            // Complete: the size the manifest gives (Azure), or a size that stopped changing (AWS gives none).
            var growing = run.Files.FirstOrDefault(f => !(expected[f.RelativePath] == f.Length || Settled(f)));
            if (growing is not null)
                results.Add((run, DropRunStatus.Waiting, $"{run.Label}: waiting: {growing.RelativePath} is still being written"));
            else if (!Settled(file) && manifest.Files.Any(e => e.Bytes is null))
                results.Add((run, DropRunStatus.Waiting, $"{run.Label}: waiting: the manifest is new; its files are imported once their size stopped changing"));
            else
                results.Add((run, null, null));
        }

        foreach (var folder in data.Where(f => !claimed.Contains(f.RelativePath)).GroupBy(f => f.Directory, StringComparer.Ordinal))
        {
            if (claimedFolders.Contains(folder.Key))
            {
                leftOut.AddRange(folder.Select(f => $"{f.RelativePath}: not listed by the manifest of its folder; not imported"));
                continue;
            }
            var files = folder.ToList();
            var shown = folder.Key.Length == 0 ? Folder : folder.Key;
            var run = new ExportRun("folder:" + folder.Key, $"{shown} ({files.Count} {(files.Count == 1 ? "file" : "files")}, no manifest)", null, files, []);
            var growing = files.FirstOrDefault(f => !Settled(f));
            if (ExportLayout.AwaitsManifest(folder.Key, scan.Files) is { } why)
                results.Add((run, DropRunStatus.Waiting, $"{run.Label}: waiting for its manifest ({why})"));
            else
                results.Add(growing is null
                    ? (run, null, null)
                    : (run, DropRunStatus.Waiting, $"{run.Label}: waiting: {growing.RelativePath} is still being written"));
        }
        return results;
    }

    private (ExportManifest? Manifest, string? Error) ReadManifest(DropFile file)
    {
        if (manifests.TryGetValue(file.RelativePath, out var cached) && cached.File.SameSignature(file))
            return (cached.Manifest, cached.Error);
        ExportManifest? manifest = null;
        string? error = null;
        try
        {
            var bytes = SafeFile.ReadBytes(file.FullPath, file.RelativePath, limits.MaxManifestBytes);
            manifest = file.Kind == DropFileKind.AwsManifest
                ? AwsExportManifest.Read(bytes, file.RelativePath)
                : AzureExportManifest.Read(bytes, file.RelativePath);
        }
        catch (StewardInputException e)
        {
            // The readers name the manifest by its path in the folder; data files are named under the folder as given, so is this.
            error = Path.Combine(Folder, e.Message);
        }
        manifests[file.RelativePath] = (file, manifest, error);
        return (manifest, error);
    }
}
