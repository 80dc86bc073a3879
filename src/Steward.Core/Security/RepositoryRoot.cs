namespace Steward.Core.Security;

/// <summary>
/// The repository folder as a sandbox for the paths its files write (spec.sbom, spec.provenance,
/// a Monitor's spec.reference, signatures, keys, the OSV database). A pull request writes those
/// paths, so a path is refused when it is absolute, climbs out with "..", or reaches a symbolic
/// link whose target lies outside the root; what it names must be a regular file (or, where the
/// field allows, a folder) no larger than a limit. Messages name the field, never the bytes of
/// the target.
/// </summary>
public sealed class RepositoryRoot
{
    public RepositoryRoot(string root)
    {
        FullPath = Path.GetFullPath(root);
        RealRoot = RealPath.Resolve(FullPath);
    }

    /// <summary>The root as given, made absolute.</summary>
    public string FullPath { get; }

    /// <summary>The root with every link resolved: what "inside" is measured against.</summary>
    public string RealRoot { get; }

    /// <summary>Whether an absolute path really (links resolved) lies inside the root.</summary>
    public bool Contains(string path) => RealPath.IsWithin(RealPath.Resolve(path), RealRoot);

    /// <summary>
    /// The real path (no links left) of the file or folder a field names, checked as described above;
    /// null when <paramref name="mustExist"/> is false and nothing is there.
    /// </summary>
    /// <param name="value">The path as written, relative to the root.</param>
    /// <param name="where">The field for messages: "file:line:col: spec.sbom".</param>
    /// <param name="maxBytes">The size limit for a file; null for data read in a streaming way (tables).</param>
    /// <exception cref="StewardInputException">The path is refused; the message names the field and the reason.</exception>
    public string? Resolve(string value, string where, bool mustExist = true, bool allowFolder = false, long? maxBytes = ParseLimits.MaxRepositoryFileBytes)
    {
        if (value.Length == 0 || value.Contains('\0', StringComparison.Ordinal))
            throw new StewardInputException($"{where}: \"{value}\" is not a file path");
        if (Path.IsPathRooted(value) || value.StartsWith('~'))
            throw new StewardInputException($"{where}: {value}: an absolute path; paths are relative to the repository folder and stay inside it");
        var lexical = Path.GetFullPath(Path.Combine(FullPath, value));
        if (!RealPath.IsWithin(lexical, FullPath))
            throw new StewardInputException($"{where}: {value}: leaves the repository folder through \"..\"; paths stay inside it");
        var real = RealPath.Resolve(lexical);
        if (!RealPath.IsWithin(real, RealRoot))
            throw new StewardInputException($"{where}: {value}: a symbolic link on this path leads outside the repository folder; it is not read");
        switch (FileNodes.Kind(real))
        {
            case FileNodeKind.Missing when !mustExist:
                return null;
            case FileNodeKind.Missing:
                throw new StewardInputException($"{where}: {value}: file not found (paths are relative to the repository folder)");
            case FileNodeKind.Directory when allowFolder:
                return real;
            case FileNodeKind.Directory:
                throw new StewardInputException($"{where}: {value}: is a folder, not a file");
            case FileNodeKind.RegularFile:
                if (maxBytes is { } max && new FileInfo(real).Length > max)
                    throw new StewardInputException($"{where}: {value}: larger than the limit of {max} bytes ({max / (1024 * 1024)} MiB) for a file Steward reads");
                return real;
            default:
                throw new StewardInputException($"{where}: {value}: not a regular file (a FIFO, socket or device); Steward never opens those");
        }
    }
}
