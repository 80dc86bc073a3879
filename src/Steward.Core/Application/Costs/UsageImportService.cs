using Steward.Core.FinOps.Usage;
using Steward.Core.FinOps.Usage.Prometheus;
using Steward.Core.Governance.Kinds;

namespace Steward.Core.Application.Costs;

/// <summary>Imports container usage for allocation: <c>steward cost import-usage</c> (CSV or Parquet files, or a Prometheus server).</summary>
public sealed class UsageImportService
{
    public IReadOnlyList<UsageImportResult> Import(string storePath, IReadOnlyList<string> files)
    {
        using var store = CostStores.OpenForWrite(storePath);
        return new UsageImporter(store).Import(files);
    }

    /// <summary>Imports the whole windows of the request's range from Prometheus; a range without one is an input error.</summary>
    public async Task<PrometheusImportResult> ImportPrometheusAsync(PrometheusUsageRequest request, CancellationToken cancellationToken = default)
    {
        var from = PrometheusUsageRequest.ParseTime(request.From, "--from");
        var to = PrometheusUsageRequest.ParseTime(request.To, "--to");
        if (!PolicyLimitsSettings.TryParseDuration(request.Step, out var step))
            throw new StewardInputException($"--step {request.Step}: expected a duration such as 5m or 1h");
        if (to <= from) throw new StewardInputException($"--to {request.To}: must be after --from {request.From}");
        var windows = PrometheusWindows.Of(from, to, step, request.ChunkWindows);
        if (windows.Count == 0)
            throw new StewardInputException($"--from {request.From} --to {request.To}: no whole {PrometheusWindows.Show(step)} window between them (windows are aligned to multiples of --step since 1970-01-01 UTC)");
        return await ImportPrometheusAsync(request.Store, request.Connection, windows, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Imports <paramref name="windows"/> (the serve loop's source calls this with the windows closed since its last run).</summary>
    public async Task<PrometheusImportResult> ImportPrometheusAsync(string storePath, PrometheusConnection connection, PrometheusWindows windows, CancellationToken cancellationToken = default)
    {
        // The client first: a bad URL, token or CA file fails before the store is created.
        using var client = new PrometheusClient(connection);
        using var store = CostStores.OpenForWrite(storePath);
        return await new PrometheusUsageImporter(store, client).ImportAsync(windows, cancellationToken).ConfigureAwait(false);
    }
}
