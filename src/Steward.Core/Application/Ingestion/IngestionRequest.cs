namespace Steward.Core.Application.Ingestion;

/// <summary>One batch for the ingestion API: the body as a stream (read once, never buffered whole in memory).</summary>
public sealed record IngestionRequest
{
    public required IngestionKind Kind { get; init; }

    public required Stream Body { get; init; }

    public BodyFormat Format { get; init; } = BodyFormat.Sniff;

    /// <summary>The model (inferences, labels).</summary>
    public string? Model { get; init; }

    /// <summary>The model version: required for inferences; for labels, only that version's inferences are labelled.</summary>
    public string? Version { get; init; }

    /// <summary>The caller's key for this batch; null: the body's SHA-256 is the key.</summary>
    public string? IdempotencyKey { get; init; }

    /// <summary>Costs only: the export restates its billing periods (as <c>steward cost import --replace-period</c>).</summary>
    public bool ReplacePeriod { get; init; }

    /// <summary>The size the caller announced (HTTP Content-Length), if any: refused before reading when over the limit.</summary>
    public long? DeclaredLength { get; init; }
}
