using System.Data.Common;
using Steward.Core.Storage;

namespace Steward.Core.Application.Ingestion;

/// <summary>
/// The store as an importer sees it during an API batch: every call goes to the real store, and the
/// batch's idempotency key is written inside the import's own transaction, right after the rows.
/// The importers stay as the CLI uses them; only their store is wrapped.
/// </summary>
internal sealed class KeyRecordingStore(IStewardStore inner, BatchKey key) : IStewardStore, IStoreDecorator
{
    /// <summary>The import that stored the batch, once it has run (null when the content was already in the store).</summary>
    public long? ImportId { get; private set; }

    public IStewardStore Inner => inner;

    public string Location => inner.Location;

    public StoreEngine Engine => inner.Engine;

    // Being retired from IStewardStore (#17); the importers of other areas still read it through this wrapper.
    DbConnection IStewardStore.Connection => inner.Connection;

    public void EnsureSchema(SchemaModule module) => inner.EnsureSchema(module);

    public int SchemaVersion(string module) => inner.SchemaVersion(module);

    public ImportOutcome ImportFile(string path, string kind, Func<ImportContext, long> load) => ImportFiles([path], kind, load)[0];

    public IReadOnlyList<ImportOutcome> ImportFiles(IReadOnlyList<string> paths, string kind, Func<ImportContext, long> load) =>
        inner.ImportFiles(paths, kind, context =>
        {
            var rows = load(context);
            key.Record(context.Store, context.ImportId, rows);
            ImportId = context.ImportId;
            return rows;
        });

    public IReadOnlyList<ImportRecord> Imports(string? kind = null) => inner.Imports(kind);

    // The real store belongs to the caller.
    public void Dispose() { }
}
