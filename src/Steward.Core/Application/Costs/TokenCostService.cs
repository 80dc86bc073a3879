using Steward.Core.Alignment.Ingest;
using Steward.Core.FinOps;
using Steward.Core.FinOps.Allocation;
using Steward.Core.FinOps.Ledger;
using Steward.Core.FinOps.Optimization;
using Steward.Core.FinOps.Reports;
using Steward.Core.FinOps.Tokens;
using Steward.Core.FinOps.Usage;
using Steward.Core.Governance;
using Steward.Core.Storage;

namespace Steward.Core.Application.Costs;

/// <summary>What <c>steward cost tokens</c> is asked; dates as typed (YYYY-MM-DD, UTC, inclusive).</summary>
public sealed record TokenCostRequest(string Store, GovernanceRepository Repository)
{
    public string? From { get; init; }
    public string? To { get; init; }

    /// <summary>The FOCUS cost column of API token charges.</summary>
    public string Metric { get; init; } = CostReport.DefaultMetric;

    /// <summary>The billing currency of API token charges read; USD by default, the currency of steward.yaml's prices.</summary>
    public string? Currency { get; init; }
}

/// <summary>
/// LLM token economics (issue 19): cost per 1M input and output tokens by model, team and source, GPU-hours per
/// 1,000 requests of self-hosted models, the API price of the same family, and the cost-per-token findings.
/// </summary>
public sealed class TokenCostService
{
    public const string Currency = "USD";

    public TokenCostReport Run(TokenCostRequest request)
    {
        using var store = CostStores.OpenForRead(request.Store);
        return Run(store, request.Repository, CostFilter.ParseDate(request.From, "--from"), CostFilter.ParseDate(request.To, "--to"),
            request.Metric, request.Currency);
    }

    /// <summary>The report over an open store (check reads it with its other findings).</summary>
    public static TokenCostReport Run(IStewardStore store, GovernanceRepository repository, DateOnly? from = null, DateOnly? to = null,
        string metric = CostReport.DefaultMetric, string? currency = null)
    {
        var money = CostReport.Metric(metric);
        var samples = UsageSample.Load(store, from, to);
        var allocation = CostAllocator.Allocate(samples, repository, nodeCharges: NodeCharges.Load(store));
        return Run(store, repository, samples, allocation, from, to, money, currency);
    }

    /// <summary>
    /// The report over usage already loaded and allocated from <paramref name="store"/> for [<paramref name="from"/>,
    /// <paramref name="to"/>] (check judges cost per inference over the same allocation).
    /// </summary>
    public static TokenCostReport Run(IStewardStore store, GovernanceRepository repository, IReadOnlyList<UsageSample> samples,
        AllocationResult allocation, DateOnly? from, DateOnly? to, FocusColumn money, string? currency = null)
    {
        // Tokens and usage cost over the same time, as cost per inference does.
        var (periodStart, periodEnd) = InferenceCosts.Period(allocation, from, to);
        var logged = InferenceTokens.Load(store, periodStart, periodEnd);
        var dimensions = CostDimension.ParseList(string.Join(",", TokenEconomics.Dimensions(repository)), CostReportService.AllocationDimensions(repository));
        currency ??= Currency;
        IReadOnlyList<TokenCharge> charges;
        using (var ledger = CostLedger.For(store))
            charges = ledger.TokenCharges(dimensions, money, new CostFilter { From = from, To = to, Currency = currency });
        var rows = TokenEconomics.Analyze(allocation, repository, logged ?? [], ModelGpuHours.Sum(samples, repository), charges);
        return new TokenCostReport(periodStart, periodEnd, currency, logged is not null, rows);
    }
}
