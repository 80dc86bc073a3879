using Steward.Core.Alignment.Ingest;
using Steward.Core.FinOps.Allocation;
using Steward.Core.Governance;

namespace Steward.Core.FinOps.Tokens;

/// <summary>
/// LLM token economics of one period, from three stores of fact:
/// <code>
/// self-hosted (model m, version v)  cost   = allocated usage cost of the workloads labelled m, v (CostAllocator),
///                                            split by tokens across the teams the log's team column names
///                                   tokens = Σ prompt_tokens, Σ completion_tokens, Σ cached_tokens of the inference log
///                                   per 1M tokens = cost / (prompt + completion) × 1,000,000
///                                   GPU-hours per 1,000 requests = GPU-hours of those workloads / logged requests × 1,000
/// api (model tag, version tag, team tag)  FOCUS charges whose PricingUnit or ConsumedUnit counts tokens, tokens from
///                                   ConsumedQuantity (else PricingQuantity) × the unit's quantity, direction from the SKU
///                                   per 1M input = input (and cached input) cost / input tokens × 1,000,000; output alike
/// api-equivalent (self-hosted m, v) = prompt × API input price + completion × API output price of m's family
/// </code>
/// The family of a version is its ModelVersion's <c>spec.family</c>, else its model's name; API charges are tagged
/// with the model (steward.yaml <c>labels.model</c>), so an API model and a self-hosted one of the same family meet.
/// </summary>
public static class TokenEconomics
{
    /// <param name="apiCharges">Token charges keyed by (model, version, team), as <see cref="Dimensions"/> asks the ledger.</param>
    public static IReadOnlyList<TokenCostRow> Analyze(
        AllocationResult allocation, GovernanceRepository repository,
        IReadOnlyList<InferenceTokenUsage> logged, IReadOnlyDictionary<(string Model, string Version), double> gpuHours,
        IReadOnlyList<TokenCharge> apiCharges)
    {
        var api = ApiRows(apiCharges, repository);
        var prices = ApiTokenPrice.Of(api);
        var selfHosted = SelfHostedRows(allocation, repository, logged, gpuHours)
            .Select(r => prices.TryGetValue(r.Family, out var p) ? r with { ApiEquivalentCost = p.Cost(r.InputTokens, r.OutputTokens) } : r);
        return [.. selfHosted.Concat(api)
            .Select(r => r with { Finding = CostPerTokenRule.Evaluate(r, repository, prices.GetValueOrDefault(r.Family)) })
            .OrderBy(r => r.Model, StringComparer.Ordinal).ThenBy(r => r.Version, StringComparer.Ordinal)
            .ThenBy(r => r.Source, StringComparer.Ordinal).ThenBy(r => r.Team, StringComparer.Ordinal)];
    }

    /// <summary>The allocation dimensions API token charges are keyed by: model, model version and the first cost-allocation label (team).</summary>
    public static IReadOnlyList<string> Dimensions(GovernanceRepository repository) =>
        ["model", "model_version", TeamDimension(repository)];

    private static string TeamDimension(GovernanceRepository repository) =>
        repository.Settings.CostAllocationLabels is [var first, ..] ? first : NoTeamLabel;

    /// <summary>Without cost-allocation labels, API charges still read a <c>team</c> tag.</summary>
    private const string NoTeamLabel = "tag:team";

    public static string FamilyOf(GovernanceRepository repository, string model, string version) =>
        repository.FindModel(model, version)?.Family
        ?? repository.Models.Where(m => m.Model == model && m.Family is not null).Select(m => m.Family).Order(StringComparer.Ordinal).FirstOrDefault()
        ?? model;

    private static IEnumerable<TokenCostRow> ApiRows(IReadOnlyList<TokenCharge> charges, GovernanceRepository repository)
    {
        foreach (var g in charges.Where(c => c.IsTokens).GroupBy(c => (Model: Key(c, 0), Version: Key(c, 1), Team: Key(c, 2))))
        {
            decimal Tokens(params TokenDirection[] directions) => g.Where(c => directions.Contains(c.Direction)).Sum(c => c.Tokens);
            decimal Cost(params TokenDirection[] directions) => g.Where(c => directions.Contains(c.Direction)).Sum(c => c.Cost);
            yield return new TokenCostRow(TokenSources.Api, g.Key.Model, g.Key.Version, g.Key.Team, FamilyOf(repository, g.Key.Model, g.Key.Version))
            {
                InputTokens = Tokens(TokenDirection.Input, TokenDirection.CachedInput),
                CachedTokens = Tokens(TokenDirection.CachedInput),
                OutputTokens = Tokens(TokenDirection.Output),
                OtherTokens = Tokens(TokenDirection.Unspecified),
                Cost = g.Sum(c => c.Cost),
                InputCost = Cost(TokenDirection.Input, TokenDirection.CachedInput),
                OutputCost = Cost(TokenDirection.Output),
            };
        }
    }

    private static string Key(TokenCharge charge, int i) => charge.Keys[i] ?? CostAllocator.Unallocated;

    private static IEnumerable<TokenCostRow> SelfHostedRows(AllocationResult allocation, GovernanceRepository repository,
        IReadOnlyList<InferenceTokenUsage> logged, IReadOnlyDictionary<(string Model, string Version), double> gpuHours)
    {
        var n = allocation.Dimensions.Count;
        var team = allocation.Dimensions.ToList().IndexOf(TeamDimension(repository));
        var tokens = logged.GroupBy(u => (u.Model, u.Version)).ToDictionary(g => g.Key, g => g.ToList());
        var versions = allocation.Rows
            .Where(r => r.Keys[n - 2] != CostAllocator.Unallocated && r.Keys[n - 1] != CostAllocator.Unallocated)
            .GroupBy(r => (Model: r.Keys[n - 2], Version: r.Keys[n - 1]));
        foreach (var g in versions)
        {
            // A version that logged no tokens is no LLM (or logs none): cost optimize covers it.
            if (!tokens.TryGetValue(g.Key, out var usage) || usage.Sum(u => u.RequestsWithTokens) == 0) continue;
            // The teams whose workloads serve the version, named together.
            var owners = team < 0 ? CostAllocator.Unallocated
                : string.Join(",", g.Select(r => r.Keys[team]).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
            // Requests that name the team that sent them (the log's team column) share the version's cost by their
            // tokens: showback of a shared model. Requests that name none stay with the owners.
            var byTeam = usage.GroupBy(u => u.Team.Length > 0 ? u.Team : owners, StringComparer.Ordinal).OrderBy(t => t.Key, StringComparer.Ordinal).ToList();
            var weights = byTeam.Select(t => (decimal)t.Sum(u => u.TotalTokens)).ToList();
            var costs = CostAllocator.Split(g.Sum(r => r.Total), weights);
            var gpu = gpuHours.TryGetValue(g.Key, out var h) ? h : 0;
            var totalWeight = weights.Sum();
            for (var i = 0; i < byTeam.Count; i++)
            {
                var share = totalWeight > 0 ? (double)(weights[i] / totalWeight) : 1.0 / byTeam.Count;
                var modalities = byTeam[i].GroupBy(u => u.Modality, StringComparer.Ordinal).OrderBy(m => m.Key, StringComparer.Ordinal)
                    .Select(m => new InferenceTokenUsage(g.Key.Model, g.Key.Version, m.Key, byTeam[i].Key, m.Sum(u => u.Requests), m.Sum(u => u.RequestsWithTokens),
                        m.Sum(u => u.PromptTokens), m.Sum(u => u.CompletionTokens), m.Sum(u => u.CachedTokens)))
                    .ToList();
                yield return new TokenCostRow(TokenSources.SelfHosted, g.Key.Model, g.Key.Version, byTeam[i].Key, FamilyOf(repository, g.Key.Model, g.Key.Version))
                {
                    Requests = modalities.Sum(u => u.Requests),
                    InputTokens = modalities.Sum(u => u.PromptTokens),
                    CachedTokens = modalities.Sum(u => u.CachedTokens),
                    OutputTokens = modalities.Sum(u => u.CompletionTokens),
                    Cost = costs[i],
                    GpuHours = gpu * share,
                    Modalities = modalities,
                };
            }
        }
    }
}
