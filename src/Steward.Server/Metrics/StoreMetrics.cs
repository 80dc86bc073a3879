using System.Globalization;
using Microsoft.Extensions.Logging;
using Prometheus;
using Steward.Core.Alignment.Ingest;
using Steward.Core.Alignment.Monitoring;
using Steward.Core.FinOps;
using Steward.Core.FinOps.Allocation;
using Steward.Core.FinOps.Budgets;
using Steward.Core.FinOps.Usage;
using Steward.Core.GitOps.Audit;
using Steward.Core.Storage;
using Steward.Server.Revisions;

namespace Steward.Server.Metrics;

/// <summary>
/// What the store says, read at each scrape: the entries of its audit log, each Budget's utilisation this
/// month (the allocated spend <c>steward cost budgets</c> computes, <see cref="BudgetEvaluator"/>, over the
/// budget's amount) and the latest window values stored by <c>steward monitor run</c>. On a PostgreSQL store
/// every replica reads the same shared state. A DuckDB store that does not exist yet gives no series (it is
/// not created by a scrape); a store that cannot be read keeps the previous values and counts a failure, so
/// a busy store never fails the scrape.
/// </summary>
public sealed class StoreMetrics
{
    private readonly string _storePath;
    private readonly RevisionHolder _revisions;
    private readonly TimeProvider _clock;
    private readonly ILogger _log;
    private readonly Gauge _budget;
    private readonly Gauge _monitor;
    private readonly Gauge _auditEntries;
    private readonly Counter _readFailures;

    public StoreMetrics(ServerMetrics metrics, ServeOptions options, RevisionHolder revisions, ILogger<StoreMetrics> log)
    {
        _storePath = options.Store;
        _revisions = revisions;
        _clock = options.Clock;
        _log = log;
        _budget = metrics.Factory.CreateGauge("steward_budget_utilization_ratio",
            "Spend allocated to a Budget's workloads this month (UTC) over its monthly amount, as `steward cost budgets` computes it (1 = the whole amount).", ["budget"]);
        _monitor = metrics.Factory.CreateGauge("steward_monitor_metric",
            "A monitor metric's value in the latest window `steward monitor run` stored for the model version.", ["model", "version", "metric"]);
        _auditEntries = metrics.Factory.CreateGauge("steward_audit_log_entries",
            "Entries in the store's audit log (the size its head records); on a shared PostgreSQL store, the same on every replica.");
        _readFailures = metrics.Factory.CreateCounter("steward_store_metric_read_failures_total",
            "Scrapes at which the store could not be read for the budget and monitor metrics (the previous values are kept).");
        metrics.Registry.AddBeforeCollectCallback(Update);
    }

    private void Update()
    {
        var current = _revisions.Current;
        if (current is null || (!StoreAddress.IsPostgres(_storePath) && !File.Exists(Path.GetFullPath(_storePath)))) return;
        try
        {
            using var store = Stores.Open(_storePath, AuditSchema.Module, FinOpsSchema.Module, AlignmentSchema.Module);
            _auditEntries.Set(new StoreAuditStore(store).Head()?.Size ?? 0);
            RepositoryMetrics.Replace(_budget, BudgetRatios(store, current));
            var monitors = current.Repository.Monitors.Select(m => m.Name).ToHashSet(StringComparer.Ordinal);
            var values = new Dictionary<string[], double>(RepositoryMetrics.LabelsComparer.Instance);
            foreach (var m in LatestMonitorMetrics.Read(store).Where(m => monitors.Contains(m.Monitor)))
                values[[m.Model, m.Version, m.Metric]] = m.Value;
            RepositoryMetrics.Replace(_monitor, values);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _readFailures.Inc();
            _log.LogWarning("Cannot read the store {Store} for the budget and monitor metrics: {Error}", _storePath, e.Message);
        }
    }

    private Dictionary<string[], double> BudgetRatios(IStewardStore store, ServedRevision revision)
    {
        var now = _clock.GetUtcNow().UtcDateTime;
        var month = now.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var first = new DateOnly(now.Year, now.Month, 1);
        var statuses = BudgetEvaluator.Evaluate(UsageSample.Load(store, first), revision.Repository, month, nodeCharges: NodeCharges.Load(store));
        var ratios = new Dictionary<string[], double>(RepositoryMetrics.LabelsComparer.Instance);
        foreach (var s in statuses)
        {
            // A zero amount has no ratio (every spend is over it): the budget-threshold finding says so.
            if (s.MonthlyAmount > 0) ratios[[s.Budget.Name]] = (double)(s.Actual / s.MonthlyAmount);
        }
        return ratios;
    }
}
