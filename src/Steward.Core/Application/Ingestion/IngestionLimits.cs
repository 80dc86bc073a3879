namespace Steward.Core.Application.Ingestion;

/// <summary>
/// The bounds of the ingestion API (API bodies get the treatment of uploaded files: bounded, docs/server.md).
/// Bodies over the limit are refused (HTTP 413) while they stream in, before they are stored whole.
/// </summary>
public sealed record IngestionLimits
{
    public const long MiB = 1024 * 1024;

    /// <summary>Inferences and labels (JSON Lines): 16 MiB per batch.</summary>
    public long MaxJsonLinesBytes { get; init; } = 16 * MiB;

    /// <summary>Container usage CSV: 16 MiB per batch.</summary>
    public long MaxUsageBytes { get; init; } = 16 * MiB;

    /// <summary>A FOCUS export (CSV, gzip CSV, Parquet): 64 MiB per batch.</summary>
    public long MaxCostBytes { get; init; } = 64 * MiB;

    /// <summary>An OTLP export (<c>POST /v1/traces</c>, <c>/v1/logs</c>): 16 MiB as received and, when gzip-compressed, once inflated.</summary>
    public long MaxOtlpBytes { get; init; } = 16 * MiB;

    /// <summary>The deepest nesting of OTLP messages (attribute values nest: arrays and key-value lists); JSON may nest twice as deep.</summary>
    public int MaxOtlpDepth { get; init; } = 32;

    /// <summary>Batches that may wait for the store's one writer (the running one included); more are told to retry (HTTP 429).</summary>
    public int WriteQueueCapacity { get; init; } = 16;

    /// <summary>What a refused caller is told to wait before retrying (HTTP Retry-After).</summary>
    public TimeSpan RetryAfter { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The longest an idempotency key may be (characters).</summary>
    public int MaxIdempotencyKeyLength { get; init; } = 255;

    public long MaxBytes(IngestionKind kind) => kind switch
    {
        IngestionKind.Inferences or IngestionKind.Labels => MaxJsonLinesBytes,
        IngestionKind.Usage => MaxUsageBytes,
        _ => MaxCostBytes,
    };
}
