using Prometheus;
using Steward.Server.Leadership;

namespace Steward.Server.Metrics;

/// <summary>
/// Leader election: whether this replica leads (read from <see cref="ILeadership"/> at each scrape, so
/// a single replica shows 1 too), how often it gained and lost the Lease, and failed calls to the API
/// server. No identity label: Prometheus already labels each replica's series with its pod, and
/// <c>sum(steward_leader)</c> is then the number of leaders (1 when healthy).
/// </summary>
public sealed class LeadershipMetrics
{
    private readonly ServerMetrics _metrics;
    private readonly Gauge _leader;
    private readonly Counter _transitions;
    private readonly Counter _errors;

    public LeadershipMetrics(ServerMetrics metrics)
    {
        _metrics = metrics;
        _leader = metrics.Factory.CreateGauge("steward_leader",
            "1 while this replica leads (runs the control loop), else 0; always 1 without leader election.");
        _transitions = metrics.Factory.CreateCounter("steward_leader_transitions_total",
            "Times this replica became leader (acquired), stopped leading because the Lease was not renewed in time (lost), or gave the Lease up on shutdown (released).", ["transition"]);
        _errors = metrics.Factory.CreateCounter("steward_leader_election_errors_total",
            "Failed calls to the Kubernetes API server while acquiring, renewing or releasing the Lease.");
        foreach (var transition in Transitions) _transitions.WithLabels(transition);
    }

    /// <summary>The values of the <c>transition</c> label.</summary>
    public static IReadOnlyList<string> Transitions { get; } = ["acquired", "lost", "released"];

    /// <summary>Reads <paramref name="leadership"/> at each scrape.</summary>
    public void Observe(ILeadership leadership) =>
        _metrics.Registry.AddBeforeCollectCallback(() => _leader.Set(leadership.IsLeader ? 1 : 0));

    public void Acquired() => _transitions.WithLabels("acquired").Inc();

    public void Lost() => _transitions.WithLabels("lost").Inc();

    public void Released() => _transitions.WithLabels("released").Inc();

    public void Error() => _errors.Inc();
}
