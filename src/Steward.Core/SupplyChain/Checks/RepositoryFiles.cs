using Steward.Core.Governance;

namespace Steward.Core.SupplyChain.Checks;

/// <summary>Files that repository objects reference (keys, signatures, SBOMs, provenance), resolved against the repository folder.</summary>
public static class RepositoryFiles
{
    /// <summary>The absolute path of <paramref name="path"/> (relative to the repository, or absolute).</summary>
    /// <exception cref="StewardInputException">No repository folder, or (when <paramref name="mustExist"/>) no such file; names where it was written.</exception>
    public static string Resolve(GovernanceRepository repository, string path, SourceLocation? at, string field, bool mustExist = true)
    {
        var where = at is { } l ? $"{l}: {field}" : field;
        string full;
        if (Path.IsPathRooted(path)) full = path;
        else if (repository.Root is { } root) full = Path.GetFullPath(Path.Combine(root, path));
        else throw new StewardInputException($"{where}: {path}: the repository has no folder to resolve this path against");
        if (mustExist && !File.Exists(full) && !Directory.Exists(full))
            throw new StewardInputException($"{where}: {path}: file not found (paths are relative to the repository folder)");
        return full;
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
