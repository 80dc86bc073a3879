using Prometheus;

namespace Steward.Server.Metrics;

/// <summary>
/// The admission webhook's Prometheus metrics (docs/metrics.md, "Admission"), on the server's
/// registry: requests by operation, kind and decision; review durations; findings by rule
/// and action, which is where dryrun-enforced rules show up. Created on the server's own registry.
/// </summary>
public sealed class AdmissionMetrics
{
    /// <summary>From half a millisecond (a review of the example repository) to 10 s (past any sane webhook timeout).</summary>
    private static readonly double[] DurationBuckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    public AdmissionMetrics(ServerMetrics metrics)
    {
        Requests = metrics.Factory.CreateCounter(
            "steward_admission_requests_total",
            "AdmissionReview requests answered, by operation, object kind and decision (allowed, warned, denied, skipped, timeout_allowed, timeout_denied, invalid, unavailable).",
            new CounterConfiguration { LabelNames = ["operation", "kind", "decision"] });
        Duration = metrics.Factory.CreateHistogram(
            "steward_admission_duration_seconds",
            "Time to answer one AdmissionReview, from the request body read to the response written.",
            new HistogramConfiguration { Buckets = DurationBuckets });
        Findings = metrics.Factory.CreateCounter(
            "steward_admission_findings_total",
            "Findings about reviewed objects, by rule and enforcement action (deny, warn, dryrun).",
            new CounterConfiguration { LabelNames = ["rule", "action"] });
    }

    public Counter Requests { get; }

    public Histogram Duration { get; }

    public Counter Findings { get; }
}
