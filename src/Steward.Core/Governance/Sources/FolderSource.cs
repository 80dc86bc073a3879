namespace Steward.Core.Governance.Sources;

/// <summary>A governance repository read from a folder on disk.</summary>
public sealed class FolderSource : IRepositorySource
{
    private readonly string _root;

    public FolderSource(string root)
    {
        _root = Path.GetFullPath(root);
        if (!Directory.Exists(_root))
            throw new StewardInputException($"{root}: repository folder not found");
        DisplayName = root;
    }

    public string DisplayName { get; }

    public IEnumerable<RepositoryFile> Files()
    {
        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.Hidden };
        return Directory.EnumerateFiles(_root, "*", options)
            .Select(full => (full, rel: Path.GetRelativePath(_root, full).Replace('\\', '/')))
            .Where(f => !RepositoryLayout.IsIgnored(f.rel))
            .OrderBy(f => f.rel, StringComparer.Ordinal)
            .Select(f => new RepositoryFile(f.rel, () => File.ReadAllText(f.full)));
    }
}
