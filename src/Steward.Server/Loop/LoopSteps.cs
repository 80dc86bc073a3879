using Microsoft.Extensions.DependencyInjection;
using Steward.Core.Application;
using Steward.Core.Application.Ingestion;
using Steward.Core.Application.Loop;
using Steward.Core.Application.Loop.Steps;
using Steward.Core.FinOps.Usage.Prometheus;
using Steward.Core.GitOps.Forges;
using Steward.Core.GitOps.Live;
using Steward.Core.Notifications;

namespace Steward.Server.Loop;

/// <summary>
/// The steps of one control-loop run, in order, from the flags and the registered services: the one
/// place that says what the loop does. Data sources (imports) come before the steps that read what
/// they import; remediation comes last, since it acts on every earlier step's findings.
/// </summary>
public static class LoopSteps
{
    public static IReadOnlyList<ILoopStep> Build(ServeOptions options, IServiceProvider services)
    {
        var app = services.GetRequiredService<StewardApplication>();
        var memory = services.GetRequiredService<LoopMemory>();
        // Steps whose services open the store to write it take a turn of the store's writer, as ingestion
        // batches and the loop's audit entries do: on a DuckDB file they never meet.
        var writer = StoreWriter.For(options.Store);
        var steps = new List<ILoopStep>
        {
            new CheckStep(app.Check, app.Audit, memory),
        };

        // Data sources, one line each, before the steps that read what they import.
        if (options.PrometheusUrl is { } prometheus)
            steps.Add(new StoreTurnStep(new PrometheusUsageStep(app.UsageImport, new PrometheusConnection(prometheus) { TokenFile = options.PrometheusTokenFile, CaFile = options.PrometheusCaFile }, options.PrometheusStep), writer));
        // The drop folder's step lives as long as the server: it remembers the last scan, which is how it
        // tells a finished export file from one still being written.
        if (services.GetService<CostDropFolderStep>() is { } drop) steps.Add(new StoreTurnStep(drop, writer));

        steps.Add(new StoreTurnStep(new MonitorsStep(app.MonitorRun), writer));
        steps.Add(new BudgetsStep(app.Budgets));
        steps.Add(new CostAnomaliesStep(app.CostAnomalies));
        if (options.Cluster)
        {
            steps.Add(new LiveDiffStep(app.LiveDiff, () => ClusterLiveStateSource.Create(options.Kubeconfig, options.KubeContext),
                repository => app.PrepareAdmission(repository)));
        }
        steps.Add(new RemediationStep(app.Remediation, services.GetService<IForge>(), [.. services.GetServices<INotifier>()], options.PushRemote, memory));
        return steps;
    }
}
