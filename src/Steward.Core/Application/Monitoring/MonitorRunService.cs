using Steward.Core.Alignment.Ingest;
using Steward.Core.Alignment.Monitoring;
using Steward.Core.Governance;
using Steward.Core.Governance.Kinds;
using Steward.Core.Storage;

namespace Steward.Core.Application.Monitoring;

/// <summary>What <c>steward monitor run</c> runs; instants as typed (see <see cref="MonitorDates"/>).</summary>
/// <param name="RepositoryRoot">The repository folder as given: monitors' reference files are resolved against it.</param>
/// <param name="WithHistory">Also read back the stored results of the same period, this run's and earlier ones (the HTML page).</param>
public sealed record MonitorRunRequest(string Store, GovernanceRepository Repository, string RepositoryRoot)
{
    public string? From { get; init; }
    public string? To { get; init; }
    public bool WithHistory { get; init; }

    /// <summary>Run only these monitors of the repository (the control loop runs each window length on its own windows); null: all.</summary>
    public IReadOnlyList<ModelMonitor>? Monitors { get; init; }
}

/// <param name="History">With <see cref="MonitorRunRequest.WithHistory"/>: what the store holds after the run; else null.</param>
public sealed record MonitorRunOutcome(MonitorRunResult Result, IReadOnlyList<MonitorHistory>? History);

/// <summary>Computes each monitor's metrics per window over the stored inference log, stores them and reports breaches.</summary>
public sealed class MonitorRunService
{
    public MonitorRunOutcome Run(MonitorRunRequest request)
    {
        using var store = Stores.Open(request.Store, AlignmentSchema.Module);
        var (start, end) = (MonitorDates.Parse(request.From, "--from"), MonitorDates.Parse(request.To, "--to"));
        var monitors = request.Monitors ?? request.Repository.Monitors;
        var result = new MonitorRunner(store).Run(monitors, request.RepositoryRoot, start, end);
        var history = request.WithHistory ? new MonitorHistoryReader(store).Read(monitors, start, end) : null;
        return new MonitorRunOutcome(result, history);
    }
}
