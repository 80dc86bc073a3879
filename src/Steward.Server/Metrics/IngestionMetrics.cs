using Prometheus;
using Steward.Core.Application.Ingestion;

namespace Steward.Server.Metrics;

/// <summary>The ingestion API's Prometheus metrics (docs/metrics.md, "Ingestion"), on the server's own registry.</summary>
public sealed class IngestionMetrics
{
    public IngestionMetrics(ServerMetrics metrics)
    {
        IngestedRows = metrics.Factory.CreateCounter(
            "steward_ingested_rows_total",
            "Rows stored through the ingestion API after their commit, by kind (inferences, labels, usage, costs); duplicate batches add nothing.",
            new CounterConfiguration { LabelNames = ["kind"] });
        Batches = metrics.Factory.CreateCounter(
            "steward_ingest_batches_total",
            "Batches received by the ingestion API, by kind and outcome (accepted, duplicate, rejected, busy, too_large, failed).",
            new CounterConfiguration { LabelNames = ["kind", "outcome"] });
        // Every kind from the start, at 0, so that rate() and alerts see the series before the first batch.
        foreach (var kind in Enum.GetValues<IngestionKind>())
            IngestedRows.WithLabels(kind.Name());
    }

    /// <summary>Rows stored through the API, counted after their commit; duplicates add nothing.</summary>
    public Counter IngestedRows { get; }

    /// <summary>Batches by outcome: accepted, duplicate, rejected (4xx for the batch), busy (429), too_large (413), failed (5xx).</summary>
    public Counter Batches { get; }

    public void Accepted(IngestionKind kind, IngestionResult result)
    {
        IngestedRows.WithLabels(kind.Name()).Inc(result.Accepted);
        Batches.WithLabels(kind.Name(), result.Duplicate ? "duplicate" : "accepted").Inc();
    }

    public void Refused(IngestionKind kind, string outcome) => Batches.WithLabels(kind.Name(), outcome).Inc();
}
