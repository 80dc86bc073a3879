using Steward.Core.FinOps;
using Steward.Core.Storage;

namespace Steward.Core.Application.Costs;

/// <summary>How the cost use cases open the store: imports create it, reports need it to exist.</summary>
public static class CostStores
{
    public const string MissingHint = "create it with `steward cost import` or `steward cost import-usage`, or give --store";

    /// <summary>Opens or creates the store (the imports): a DuckDB file, or a PostgreSQL database (postgresql://user@host:port/db).</summary>
    public static IStewardStore OpenForWrite(string address) => Stores.Open(address, FinOpsSchema.Module);

    /// <summary>The store of a use case that only reads it: a missing DuckDB file is an error, never a new empty one.</summary>
    public static IStewardStore OpenForRead(string address) => Stores.OpenExisting(address, MissingHint, FinOpsSchema.Module);
}
