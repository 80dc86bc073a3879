using Prometheus;
using Steward.Core.Application.Ingestion.Otlp;

namespace Steward.Server.Metrics;

/// <summary>OTLP ingestion's Prometheus metrics (docs/metrics.md, "OpenTelemetry ingestion"), on the server's own registry.</summary>
public sealed class OtlpMetrics
{
    public OtlpMetrics(ServerMetrics metrics)
    {
        Requests = metrics.Factory.CreateCounter(
            "steward_otlp_requests_total",
            "OTLP export requests received on /v1/traces and /v1/logs, by signal (traces, logs) and outcome (accepted, partial, duplicate, rejected, unsupported, too_large, busy, failed).",
            new CounterConfiguration { LabelNames = ["signal", "outcome"] });
        Records = metrics.Factory.CreateCounter(
            "steward_otlp_records_total",
            "Spans and log records of OTLP exports, by signal and outcome: stored (as inference rows, after their commit) or rejected (partial success: no model, a bad GenAI value).",
            new CounterConfiguration { LabelNames = ["signal", "outcome"] });
        // Every series that alerts read from the start, at 0.
        foreach (var signal in Enum.GetValues<OtlpSignal>())
        {
            Records.WithLabels(signal.Name(), "stored");
            Records.WithLabels(signal.Name(), "rejected");
        }
    }

    public Counter Requests { get; }

    public Counter Records { get; }

    public void Exported(OtlpSignal signal, OtlpResult result)
    {
        Records.WithLabels(signal.Name(), "stored").Inc(result.Stored);
        Records.WithLabels(signal.Name(), "rejected").Inc(result.Rejected);
        var outcome = result.Duplicate ? "duplicate" : result.Rejected > 0 ? "partial" : "accepted";
        Requests.WithLabels(signal.Name(), outcome).Inc();
    }

    public void Refused(OtlpSignal signal, string outcome) => Requests.WithLabels(signal.Name(), outcome).Inc();
}
