using Steward.Core.Application.Ingestion;
using Steward.Core.Application.Ingestion.Otlp;

namespace Steward.Core.Application;

/// <summary>OTLP ingestion (the server's /v1/traces and /v1/logs): over the ingestion service of the same store, so that both queue at one writer.</summary>
public sealed partial class StewardApplication
{
    public OtlpIngestionService Otlp(string storePath, IngestionLimits? limits = null) => new(Ingestion(storePath, limits));
}
