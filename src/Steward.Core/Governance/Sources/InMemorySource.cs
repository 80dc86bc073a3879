namespace Steward.Core.Governance.Sources;

/// <summary>A repository held in memory: used to check a proposed change before it is committed.</summary>
public sealed class InMemorySource(string displayName, IReadOnlyDictionary<string, string> files) : IRepositorySource
{
    public string DisplayName { get; } = displayName;

    public IEnumerable<RepositoryFile> Files() =>
        files.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => new RepositoryFile(f.Key, () => f.Value));

    /// <summary>
    /// Reads every text file of another source into memory. A file that is not text (a binary, or over
    /// the size limit) is left out unless Steward reads it (settings, objects, policies), where it is the
    /// input error that reading it is.
    /// </summary>
    public static Dictionary<string, string> Snapshot(IRepositorySource source)
    {
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in source.Files())
        {
            try
            {
                files[file.Path] = file.ReadText();
            }
            catch (StewardInputException) when (!RepositoryLayout.IsSettings(file.Path) && !RepositoryLayout.IsObjectFile(file.Path) && !RepositoryLayout.IsPolicy(file.Path))
            {
                // docs/logo.png is not Steward's business.
            }
        }
        return files;
    }
}
