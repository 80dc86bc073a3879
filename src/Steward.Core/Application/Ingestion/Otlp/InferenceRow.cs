namespace Steward.Core.Application.Ingestion.Otlp;

/// <summary>One row of the <c>inferences</c> table made from a span or log record (docs/sources.md).</summary>
/// <param name="Timestamp">UTC, to the microsecond (DuckDB's TIMESTAMP).</param>
/// <param name="Data">The row's JSON document: derived columns, then the Monitors' columns.</param>
internal sealed record InferenceRow(string Model, string Version, DateTime Timestamp, string? RequestId, string Data);
