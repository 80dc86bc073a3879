using Prometheus;
using Steward.Core.Application.Loop;

namespace Steward.Server.Metrics;

/// <summary>
/// The control loop's Prometheus metrics (docs/metrics.md, "Control loop"): runs by trigger and
/// result, each step's outcome and duration, and when a run last succeeded (no step failed).
/// </summary>
public sealed class LoopMetrics
{
    /// <summary>From 10 ms (a skipped step) to 10 min (a monitor run over months of inferences).</summary>
    private static readonly double[] DurationBuckets = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600];

    private readonly Counter _runs;
    private readonly Counter _steps;
    private readonly Histogram _duration;
    private readonly Gauge _lastSuccess;

    public LoopMetrics(ServerMetrics metrics)
    {
        _runs = metrics.Factory.CreateCounter("steward_loop_runs_total",
            "Control-loop runs, by trigger (interval, hook) and result (succeeded: no step failed; failed: a step failed; cancelled: leadership or the process ended mid-run).",
            new CounterConfiguration { LabelNames = ["trigger", "result"] });
        _steps = metrics.Factory.CreateCounter("steward_loop_steps_total",
            "Control-loop step outcomes, by step (check, monitors, budgets, cost-anomalies, live-diff, remediation, ...) and status (succeeded, skipped, failed).",
            new CounterConfiguration { LabelNames = ["step", "status"] });
        _duration = metrics.Factory.CreateHistogram("steward_loop_step_duration_seconds",
            "Time one control-loop step took, by step.",
            new HistogramConfiguration { LabelNames = ["step"], Buckets = DurationBuckets });
        _lastSuccess = metrics.Factory.CreateGauge("steward_loop_last_success_timestamp_seconds",
            "Unix time (the run's start) of the latest control-loop run in which no step failed.");
    }

    public void Record(LoopRunResult run)
    {
        foreach (var step in run.Steps)
        {
            _steps.WithLabels(step.Step, step.StatusName).Inc();
            _duration.WithLabels(step.Step).Observe(step.Duration.TotalSeconds);
        }
        _runs.WithLabels(run.Trigger, run.Succeeded ? "succeeded" : "failed").Inc();
        if (run.Succeeded) _lastSuccess.Set(run.StartedAt.ToUnixTimeMilliseconds() / 1000d);
    }

    public void Cancelled(string trigger) => _runs.WithLabels(trigger, "cancelled").Inc();
}
