namespace Steward.Core.Governance.Sources;

/// <summary>Where a governance repository's files come from: a folder, or a Git revision of it.</summary>
public interface IRepositorySource
{
    /// <summary>What to call this source in messages (a folder path, or path@revision).</summary>
    string DisplayName { get; }

    /// <summary>Every file under the repository root, in ordinal path order.</summary>
    IEnumerable<RepositoryFile> Files();

    /// <summary>
    /// The symbolic links (repository-relative paths) whose target lies outside the root, known once
    /// <see cref="Files"/> has been enumerated; they are never read (see docs/security.md).
    /// </summary>
    IReadOnlyList<string> LinksOutsideRoot => [];
}
