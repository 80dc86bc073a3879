using Prometheus;
using Steward.Server.Revisions;

namespace Steward.Server.Metrics;

/// <summary>
/// What the served revision says, computed at each scrape from <see cref="RevisionHolder.Current"/>:
/// the revision id, and its findings counted per rule and severity (the check result computed when
/// the revision was loaded). Label sets of a previous revision that no longer occur are removed,
/// so that a fixed rule stops being reported rather than staying at its old count.
/// </summary>
public sealed class RepositoryMetrics
{
    private readonly RevisionHolder _revisions;
    private readonly Gauge _findings;
    private readonly Gauge _info;

    public RepositoryMetrics(ServerMetrics metrics, RevisionHolder revisions)
    {
        _revisions = revisions;
        _findings = metrics.Factory.CreateGauge("steward_findings",
            "Findings of the served revision (built-in checks and repository policies), by rule and severity.", ["rule", "severity"]);
        _info = metrics.Factory.CreateGauge("steward_repository_info",
            "1, labelled with the id of the revision served (COMMIT12+CONTENT12 in a Git work tree, a content hash elsewhere).", ["revision"]);
        metrics.Registry.AddBeforeCollectCallback(Update);
    }

    private void Update()
    {
        var current = _revisions.Current;
        var revisions = new Dictionary<string[], double>(LabelsComparer.Instance);
        var findings = new Dictionary<string[], double>(LabelsComparer.Instance);
        if (current is not null)
        {
            revisions[[current.Id]] = 1;
            foreach (var group in (current.Check?.Findings ?? []).GroupBy(f => (f.RuleId, Severity: f.Severity.ToString().ToLowerInvariant())))
                findings[[group.Key.RuleId, group.Key.Severity]] = group.Count();
        }
        Replace(_info, revisions);
        Replace(_findings, findings);
    }

    /// <summary>Sets the gauge to exactly these label sets: others are removed.</summary>
    internal static void Replace(Gauge gauge, IReadOnlyDictionary<string[], double> values)
    {
        foreach (var labels in gauge.GetAllLabelValues().ToList())
        {
            if (!values.ContainsKey(labels)) gauge.WithLabels(labels).Remove();
        }
        foreach (var (labels, value) in values)
            gauge.WithLabels(labels).Set(value);
    }

    internal sealed class LabelsComparer : IEqualityComparer<string[]>
    {
        public static readonly LabelsComparer Instance = new();

        public bool Equals(string[]? x, string[]? y) => x is not null && y is not null && x.AsSpan().SequenceEqual(y);

        public int GetHashCode(string[] obj)
        {
            var hash = new HashCode();
            foreach (var s in obj) hash.Add(s, StringComparer.Ordinal);
            return hash.ToHashCode();
        }
    }
}
