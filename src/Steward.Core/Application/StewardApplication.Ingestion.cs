using System.Collections.Concurrent;
using Steward.Core.Application.Ingestion;

namespace Steward.Core.Application;

/// <summary>The ingestion use case (the server's ingestion API): one service, and one store writer, per store.</summary>
public sealed partial class StewardApplication
{
    private readonly ConcurrentDictionary<string, IngestionService> ingestion = new(StringComparer.Ordinal);

    /// <summary>
    /// The ingestion service of the store at <paramref name="storePath"/> (a DuckDB path or a PostgreSQL URL).
    /// Every caller of one store gets the same service, so that its batches queue for one writer (DuckDB has
    /// one per file); the limits of the first call hold.
    /// </summary>
    public IngestionService Ingestion(string storePath, IngestionLimits? limits = null) =>
        ingestion.GetOrAdd(StoreWriter.Identity(storePath), address =>
        {
            var bounds = limits ?? new IngestionLimits();
            return new IngestionService(StoreWriter.For(address, bounds), bounds);
        });
}
