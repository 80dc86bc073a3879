using Steward.Core.FinOps.Import;

namespace Steward.Core.Application.Ingestion;

/// <summary>
/// The answer to a batch, given only after its rows are committed. A duplicate (same idempotency key,
/// or content already in the store) stored nothing: <see cref="Accepted"/> is 0.
/// </summary>
/// <param name="Accepted">Rows of the body stored (labels: label rows received).</param>
/// <param name="Duplicate">The batch was stored before; nothing was added now.</param>
/// <param name="ImportId">The store's import of the rows (the earlier one for a duplicate, when known).</param>
/// <param name="IdempotencyKey">The key the batch was recorded under (the caller's, or <c>sha256:HEX</c> of the body).</param>
public sealed record IngestionResult(long Accepted, bool Duplicate, long? ImportId, string IdempotencyKey)
{
    /// <summary>Labels: inferences whose label was set.</summary>
    public long? Matched { get; init; }

    /// <summary>Labels: request ids that matched no stored inference.</summary>
    public long? Unmatched { get; init; }

    /// <summary>Costs: the BilledCost total per currency of the rows stored.</summary>
    public IReadOnlyList<CurrencyAmount>? BilledCost { get; init; }
}
