using Prometheus;

namespace Steward.Server.Metrics;

/// <summary>How the repository sync goes: when it last succeeded, how often it failed, whether the latest attempt failed.</summary>
public sealed class SyncMetrics
{
    private readonly Gauge _lastSuccess;
    private readonly Counter _failures;
    private readonly Gauge _failing;

    public SyncMetrics(ServerMetrics metrics)
    {
        _lastSuccess = metrics.Factory.CreateGauge("steward_sync_last_success_timestamp_seconds",
            "Unix time of the latest repository sync that succeeded (fetched and loaded, or found unchanged).");
        _failures = metrics.Factory.CreateCounter("steward_sync_failures_total",
            "Repository syncs that failed (fetch error, or a revision that did not load cleanly); the last good revision keeps serving.");
        _failing = metrics.Factory.CreateGauge("steward_sync_failing",
            "1 while the latest repository load failed (/readyz answers 503 and names the error), else 0.");
    }

    public void Succeeded(DateTimeOffset at)
    {
        _lastSuccess.Set(at.ToUnixTimeMilliseconds() / 1000d);
        _failing.Set(0);
    }

    public void Failed()
    {
        _failures.Inc();
        _failing.Set(1);
    }
}
