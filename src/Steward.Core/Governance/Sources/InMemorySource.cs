namespace Steward.Core.Governance.Sources;

/// <summary>A repository held in memory: used to check a proposed change before it is committed.</summary>
public sealed class InMemorySource(string displayName, IReadOnlyDictionary<string, string> files) : IRepositorySource
{
    public string DisplayName { get; } = displayName;

    public IEnumerable<RepositoryFile> Files() =>
        files.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => new RepositoryFile(f.Key, () => f.Value));

    /// <summary>Reads every file of another source into memory.</summary>
    public static Dictionary<string, string> Snapshot(IRepositorySource source) =>
        source.Files().ToDictionary(f => f.Path, f => f.ReadText(), StringComparer.Ordinal);
}
