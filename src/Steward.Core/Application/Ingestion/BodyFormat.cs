namespace Steward.Core.Application.Ingestion;

/// <summary>
/// The format of a request body, as the caller declared it (HTTP: its content type). <see cref="Sniff"/>
/// lets the body's first bytes decide (Parquet starts with <c>PAR1</c>, gzip with 1F 8B, else CSV).
/// </summary>
public enum BodyFormat
{
    JsonLines,
    Csv,
    GzipCsv,
    Parquet,
    Sniff,
}
