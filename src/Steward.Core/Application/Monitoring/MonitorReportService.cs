using Steward.Core.Alignment.Ingest;
using Steward.Core.Alignment.Monitoring;
using Steward.Core.Governance;
using Steward.Core.Storage;

namespace Steward.Core.Application.Monitoring;

/// <summary>What <c>steward monitor report</c> reads; instants as typed (see <see cref="MonitorDates"/>).</summary>
public sealed record MonitorReportRequest(string Store, GovernanceRepository Repository)
{
    public string? From { get; init; }
    public string? To { get; init; }
}

/// <summary>The monitors' stored results over time, per monitor and window.</summary>
public sealed class MonitorReportService
{
    public IReadOnlyList<MonitorHistory> Read(MonitorReportRequest request)
    {
        // Reading should not leave an empty store behind a mistyped path.
        using var store = Stores.OpenExisting(request.Store, "ingest inferences and run `steward monitor run` first, or give --store", AlignmentSchema.Module);
        return new MonitorHistoryReader(store).Read(request.Repository.Monitors,
            MonitorDates.Parse(request.From, "--from"), MonitorDates.Parse(request.To, "--to"));
    }
}
