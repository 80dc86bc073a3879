using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Steward.Server.Revisions;

namespace Steward.Server.Dashboard;

/// <summary>
/// Computes the main pages' data as soon as a new revision is served, so that the first person to open
/// the dashboard after a sync does not wait for it (docs/benchmarks.md, "Dashboard": a first load of
/// the overview with 10,000 findings took 0.87 s, a cached one a few milliseconds). Pages are rendered
/// into nothing with an empty request: what stays is <see cref="DashboardData"/>'s cache. Only a new
/// revision starts a warm-up; a write to the store is picked up by the next page load as before, so
/// that a busy ingestion stream does not keep the server recomputing pages nobody reads.
/// </summary>
internal sealed class DashboardWarmer(DashboardData data, RevisionHolder revisions, ILogger<DashboardWarmer> log) : BackgroundService
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);

    private static readonly (string Page, Func<HttpContext, ServedRevision, DashboardData, IResult> Render)[] Pages =
    [
        ("/", OverviewPage.Render),
        ("/findings", FindingsPage.Render),
        ("/costs", CostsPage.Render),
        ("/budgets", BudgetsPage.Render),
        ("/models", ModelsPage.Render),
    ];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        ServedRevision? warmed = null;
        using var timer = new PeriodicTimer(Poll);
        try
        {
            do
            {
                if (revisions.Current is not { } revision || ReferenceEquals(revision, warmed)) continue;
                await Task.Run(() => Warm(revision, stoppingToken), stoppingToken).ConfigureAwait(false);
                warmed = revision;
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private void Warm(ServedRevision revision, CancellationToken stoppingToken)
    {
        foreach (var (page, render) in Pages)
        {
            if (stoppingToken.IsCancellationRequested) return;
            try
            {
                render(new DefaultHttpContext(), revision, data);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The page itself will say what is wrong when someone opens it; warming is only a head start.
                if (log.IsEnabled(LogLevel.Debug))
                    log.LogDebug(e, "Warming the dashboard page {Page} for revision {Revision} failed", page, revision.Id);
            }
        }
    }
}
