namespace Steward.Core.Application.Ingestion.Otlp;

/// <summary>
/// The answer to an OTLP export, given only after its rows are committed. Items without a model (or with bad
/// GenAI values) are rejected one by one, the others are stored: OTLP's partial success.
/// </summary>
/// <param name="Stored">Inference rows stored now (0 for a duplicate).</param>
/// <param name="Rejected">Spans or log records not stored, with <see cref="RejectionMessage"/> saying why.</param>
/// <param name="Duplicate">The batch (its key, or its rows) was stored before; nothing was added now.</param>
/// <param name="ImportId">The store's import of the rows, when any were stored (the earlier one for a duplicate, when known).</param>
public sealed record OtlpResult(long Stored, long Rejected, bool Duplicate, long? ImportId, string? RejectionMessage);
