using Prometheus;

namespace Steward.Server.Metrics;

/// <summary>
/// The Prometheus registry of one server instance, served at /metrics. Every area creates its
/// collectors on <see cref="Factory"/> (never on prometheus-net's static <c>Metrics.DefaultRegistry</c>):
/// tests start several servers in one process, and a shared registry would mix their values.
/// <para>How an area adds its metrics (one file per area under Metrics/, e.g. AdmissionMetrics.cs):
/// a singleton class taking <see cref="ServerMetrics"/> in its constructor and creating its
/// collectors there (<c>metrics.Factory.CreateCounter("steward_admission_requests_total", ...)</c>),
/// registered in <c>StewardServer.Build</c> with <c>builder.Services.AddSingleton&lt;AdmissionMetrics&gt;()</c>.
/// Values computed from state at scrape time go in a <c>Registry.AddBeforeCollectCallback</c>.
/// Names follow Prometheus conventions (steward_ prefix, base units, _total for counters) and are
/// listed in docs/metrics.md, one section per area.</para>
/// </summary>
public sealed class ServerMetrics
{
    public ServerMetrics()
    {
        Registry = Prometheus.Metrics.NewCustomRegistry();
        Factory = Prometheus.Metrics.WithCustomRegistry(Registry);
        // Process metrics (CPU, memory, GC, threads) of this instance, as the default registry would have them.
        DotNetStats.Register(Registry);
    }

    public CollectorRegistry Registry { get; }

    public IMetricFactory Factory { get; }
}
