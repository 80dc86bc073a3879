namespace Steward.Core.Application.Ingestion.Otlp;

/// <summary>OTLP/HTTP's two encodings: binary protobuf (<c>application/x-protobuf</c>) and its JSON mapping (<c>application/json</c>).</summary>
public enum OtlpEncoding
{
    Protobuf,
    Json,
}
