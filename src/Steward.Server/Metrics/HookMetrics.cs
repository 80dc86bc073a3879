using Prometheus;

namespace Steward.Server.Metrics;

/// <summary>The Git push hook's Prometheus metrics (docs/metrics.md, "Git push hook"), on the server's own registry.</summary>
public sealed class HookMetrics
{
    public HookMetrics(ServerMetrics metrics)
    {
        Deliveries = metrics.Factory.CreateCounter(
            "steward_git_hooks_total",
            "Deliveries to POST /api/v1/hooks/git, by source (github, gitlab, unknown) and outcome (triggered, ping, ignored, unauthorized, disabled, too_large, rejected).",
            new CounterConfiguration { LabelNames = ["source", "outcome"] });
        // The series an alert watches exist from the start, at 0.
        foreach (var source in new[] { "github", "gitlab" })
        {
            Deliveries.WithLabels(source, "triggered");
            Deliveries.WithLabels(source, "unauthorized");
        }
    }

    public Counter Deliveries { get; }

    public void Count(string source, string outcome) => Deliveries.WithLabels(source, outcome).Inc();
}
