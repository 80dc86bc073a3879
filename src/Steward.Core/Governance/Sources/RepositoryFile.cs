namespace Steward.Core.Governance.Sources;

/// <summary>A file of the governance repository: its path relative to the repository root ('/' separators) and its text.</summary>
public sealed record RepositoryFile(string Path, Func<string> ReadText);
