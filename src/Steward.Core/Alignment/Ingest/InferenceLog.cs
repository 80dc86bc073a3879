using Steward.Core.Storage;

namespace Steward.Core.Alignment.Ingest;

/// <summary>The inference log of a store, on its engine (<see cref="StoreBackend"/>).</summary>
public static class InferenceLog
{
    public static IInferenceLog For(IStewardStore store)
    {
        store.EnsureSchema(AlignmentSchema.Module);
        return StoreBackend.Port<IInferenceLog>(store, duck => new DuckDbInferenceLog(duck), pg => new PostgresInferenceLog(pg));
    }
}
