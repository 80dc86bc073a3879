namespace Steward.Core.Storage;

/// <summary>One row of the <c>imports</c> table: a file whose content was loaded once.</summary>
public sealed record ImportRecord(long ImportId, string Kind, string SourcePath, string Sha256, long Rows, DateTime ImportedAtUtc);

/// <summary>The result of <see cref="IStewardStore.ImportFile"/>.</summary>
/// <param name="Record">The new import, or the earlier one with the same content.</param>
/// <param name="AlreadyImported">True when the content was already in the store and nothing was added.</param>
public sealed record ImportOutcome(ImportRecord Record, bool AlreadyImported);

/// <summary>What a loader gets while its file is being imported inside the import's transaction.</summary>
/// <param name="ImportId">The id the loader stamps on every row it writes (column <c>import_id</c>).</param>
/// <param name="Path">The full path of the file.</param>
/// <param name="Sha256">The lower-case hex SHA-256 of the file's content.</param>
/// <param name="Store">The store; the loader (an area's store port) writes through its engine's connection (<see cref="StoreBackend"/>), inside the import's transaction.</param>
public sealed record ImportContext(long ImportId, string Path, string Sha256, IStewardStore Store);
