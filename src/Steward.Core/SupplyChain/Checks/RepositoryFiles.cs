using Steward.Core.Governance;
using Steward.Core.Security;

namespace Steward.Core.SupplyChain.Checks;

/// <summary>
/// Files that repository objects reference (keys, signatures, SBOMs, provenance), resolved inside the
/// repository folder by <see cref="RepositoryRoot"/>: no absolute path, no "..", no link out, no FIFO or device.
/// </summary>
public static class RepositoryFiles
{
    /// <summary>The real path of <paramref name="path"/> (relative to the repository).</summary>
    /// <param name="mustExist">When false, a missing file is not an error and its would-be path (inside the repository) is returned.</param>
    /// <param name="allowFolder">Whether the field may name a folder (the OSV database).</param>
    /// <param name="maxBytes">The size limit of the file (see <see cref="ParseLimits.MaxRepositoryFileBytes"/>); null for bulk data read as a stream.</param>
    /// <exception cref="StewardInputException">No repository folder, or the path is refused; names where it was written.</exception>
    public static string Resolve(GovernanceRepository repository, string path, SourceLocation? at, string field, bool mustExist = true, bool allowFolder = false, long? maxBytes = ParseLimits.MaxRepositoryFileBytes)
    {
        var where = at is { } l ? $"{l}: {field}" : field;
        if (repository.Root is not { } root)
            throw new StewardInputException($"{where}: {path}: the repository has no folder to resolve this path against");
        var sandbox = new RepositoryRoot(root);
        return sandbox.Resolve(path, where, mustExist, allowFolder, maxBytes) ?? Path.GetFullPath(Path.Combine(sandbox.FullPath, path));
    }

    /// <summary>A path for messages: relative to the repository when inside it, with '/' separators.</summary>
    public static string Display(GovernanceRepository repository, string full)
    {
        if (repository.Root is { } root)
        {
            var relative = Path.GetRelativePath(root, full);
            if (!relative.StartsWith("..", StringComparison.Ordinal) && !Path.IsPathRooted(relative))
                return relative.Replace('\\', '/');
        }
        return full.Replace('\\', '/');
    }
}
