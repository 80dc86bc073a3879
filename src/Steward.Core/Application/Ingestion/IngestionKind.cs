namespace Steward.Core.Application.Ingestion;

/// <summary>What a batch sent to the ingestion API holds; one endpoint each.</summary>
public enum IngestionKind
{
    /// <summary>Inference log rows (JSON Lines) of one model version, as <c>steward ingest inferences</c>.</summary>
    Inferences,

    /// <summary>Late labels (JSON Lines) joined by request id, as <c>steward ingest labels</c>.</summary>
    Labels,

    /// <summary>Container usage samples (CSV), as <c>steward cost import-usage</c>.</summary>
    Usage,

    /// <summary>A FOCUS cost export (CSV, gzip CSV or Parquet), as <c>steward cost import</c>.</summary>
    Costs,
}

/// <summary>The name of a kind in metrics, idempotency records and messages (lower case, stable: a contract).</summary>
public static class IngestionKinds
{
    public static string Name(this IngestionKind kind) => kind switch
    {
        IngestionKind.Inferences => "inferences",
        IngestionKind.Labels => "labels",
        IngestionKind.Usage => "usage",
        IngestionKind.Costs => "costs",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
