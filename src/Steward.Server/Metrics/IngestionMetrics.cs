using Prometheus;
using Steward.Core.Application.Ingestion;

namespace Steward.Server.Metrics;

/// <summary>The ingestion API's Prometheus metrics (docs/metrics.md, "Ingestion").</summary>
public static class IngestionMetrics
{
    /// <summary>Rows stored through the API, counted after their commit; duplicates add nothing.</summary>
    public static readonly Counter IngestedRows = Prometheus.Metrics.CreateCounter(
        "steward_ingested_rows_total",
        "Rows stored through the ingestion API after their commit, by kind (inferences, labels, usage, costs); duplicate batches add nothing.",
        new CounterConfiguration { LabelNames = ["kind"] });

    /// <summary>Batches by outcome: accepted, duplicate, rejected (4xx for the batch), busy (429), too_large (413), failed (5xx).</summary>
    public static readonly Counter Batches = Prometheus.Metrics.CreateCounter(
        "steward_ingest_batches_total",
        "Batches received by the ingestion API, by kind and outcome (accepted, duplicate, rejected, busy, too_large, failed).",
        new CounterConfiguration { LabelNames = ["kind", "outcome"] });

    static IngestionMetrics()
    {
        // Every kind from the start, at 0, so that rate() and alerts see the series before the first batch.
        foreach (var kind in Enum.GetValues<IngestionKind>())
            IngestedRows.WithLabels(kind.Name());
    }

    public static void Accepted(IngestionKind kind, IngestionResult result)
    {
        IngestedRows.WithLabels(kind.Name()).Inc(result.Accepted);
        Batches.WithLabels(kind.Name(), result.Duplicate ? "duplicate" : "accepted").Inc();
    }

    public static void Refused(IngestionKind kind, string outcome) => Batches.WithLabels(kind.Name(), outcome).Inc();
}
