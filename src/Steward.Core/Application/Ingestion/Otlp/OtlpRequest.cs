using Steward.Core.Governance.Kinds;

namespace Steward.Core.Application.Ingestion.Otlp;

/// <summary>One OTLP/HTTP export request: the body as it arrives (read once, bounded), how it is encoded, and what maps it.</summary>
public sealed record OtlpRequest
{
    public required OtlpSignal Signal { get; init; }

    public required Stream Body { get; init; }

    public required OtlpEncoding Encoding { get; init; }

    /// <summary>The body is gzip-compressed (<c>Content-Encoding: gzip</c>).</summary>
    public bool Gzip { get; init; }

    /// <summary>The size the sender announced (Content-Length), if any: refused before reading when over the limit.</summary>
    public long? DeclaredLength { get; init; }

    /// <summary>The sender's key for this batch (<c>Idempotency-Key</c>); null: the SHA-256 of the decoded body is the key.</summary>
    public string? IdempotencyKey { get; init; }

    /// <summary>The Monitors of the served revision: their <c>spec.telemetry</c> says which attributes fill which columns.</summary>
    public IReadOnlyList<ModelMonitor> Monitors { get; init; } = [];
}
