using System.Globalization;
using Steward.Core.Findings;
using Steward.Core.Governance;
using Steward.Core.Policy.Checks;

namespace Steward.Core.FinOps.Tokens;

/// <summary>
/// <c>cost-per-token</c>: a model version whose tokens cost more than its ModelVersion declares.
/// <code>
/// declared = (input + output + other tokens) × costPerMillionTokensUsd / 1e6,
///            or input × costPerMillionInputTokensUsd / 1e6 + output × costPerMillionOutputTokensUsd / 1e6
/// actual   = the row's cost (split prices: API rows count only input and output charges)
/// finding  ⇔ actual &gt; declared
/// </code>
/// The finding carries the self-hosted vs API comparison of the family when the ledger has API token prices for it.
/// </summary>
public static class CostPerTokenRule
{
    public const string RuleId = "cost-per-token";

    public static RuleDescriptor Descriptor { get; } = new(RuleId, Severity.Warning, Category.FinOps,
        "Cost per token within the ModelVersion's declared price",
        "A model version's tokens (self-hosted: allocated cost over the inference log's tokens; API: FOCUS token charges) cost more than the costPerMillionTokensUsd (or input/output prices) its ModelVersion declares. Rightsize or batch the serving workload, move the traffic to the cheaper source, or update the declared price.");

    public static Finding? Evaluate(TokenCostRow row, GovernanceRepository repository, ApiTokenPrice? api)
    {
        var model = repository.FindModel(row.Model, row.Version);
        if (model?.TokenPrices is not { } prices || row.TotalTokens == 0) return null;
        var declared = prices.Cost(row.InputTokens, row.OutputTokens, row.OtherTokens);
        if (declared is not { } expected) return null;
        var actual = prices.PerMillion is null && row.InputCost is { } i && row.OutputCost is { } o ? i + o : row.Cost;
        if (actual <= expected) return null;

        var tokens = prices.PerMillion is null ? row.InputTokens + row.OutputTokens : row.TotalTokens;
        // Normalised (no trailing zeros): PostgreSQL's NUMERIC(38,12) keeps its scale, DuckDB's sums do not.
        static decimal N(decimal v) => v / 1.000000000000000000000000000000000m;
        static decimal? NN(decimal? v) => v is { } x ? N(x) : null;
        var evidence = new Dictionary<string, object?>
        {
            ["source"] = row.Source,
            ["team"] = row.Team,
            ["cost"] = N(actual),
            ["declared_cost"] = N(expected),
            ["input_tokens"] = N(row.InputTokens),
            ["cached_tokens"] = N(row.CachedTokens),
            ["output_tokens"] = N(row.OutputTokens),
            ["cost_per_million_tokens"] = NN(TokenCostRow.PerMillion(actual, tokens)),
            ["declared_per_million_tokens"] = NN(TokenCostRow.PerMillion(expected, tokens)),
        };
        var message = $"Model {row.Model} {row.Version} ({row.Source}, team {row.Team}) cost {M(actual)} USD for {T(tokens)} tokens, "
            + $"{M(TokenCostRow.PerMillion(actual, tokens)!.Value)} per 1M, above the declared {M(TokenCostRow.PerMillion(expected, tokens)!.Value)} per 1M ({M(expected)} USD)";
        if (row.Source == TokenSources.SelfHosted && api is not null && row.ApiEquivalentCost is { } equivalent)
        {
            evidence["family"] = row.Family;
            evidence["api_input_per_million"] = N(api.InputPerMillion);
            evidence["api_output_per_million"] = N(api.OutputPerMillion);
            evidence["api_equivalent_cost"] = N(equivalent);
            evidence["api_saving"] = N(actual - equivalent);
            message += $"; the API price of family {row.Family} ({M(api.InputPerMillion)} input, {M(api.OutputPerMillion)} output per 1M) "
                + $"would have cost {M(equivalent)} USD for the same tokens";
        }
        return new Finding
        {
            RuleId = RuleId,
            Severity = Severity.Warning,
            Category = Category.FinOps,
            // At the ModelVersion whose declared price is exceeded, so that check's reports point at the line to change.
            Subject = new Subject
            {
                File = model.Object.File,
                Line = PriceLine(model),
                Kind = model.Object.Kind,
                Name = model.Object.Name,
                Model = row.Model,
                ModelVersion = row.Version,
                Scope = $"model {row.Model} {row.Version} {row.Source} team {row.Team}",
            },
            Message = message,
            Evidence = evidence,
            SuggestedAction = row.Source == TokenSources.SelfHosted && row.ApiEquivalentCost < actual
                ? "The API serves this family for less: move the traffic, or rightsize and batch the serving workload."
                : "Rightsize or batch the serving workload, or update the declared token price.",
        };
    }

    private static int PriceLine(Governance.Kinds.ModelVersion model)
    {
        var spec = model.Object.Reader.Mapping("spec");
        var key = model.TokenPrices!.PerMillion is not null ? Governance.Kinds.TokenPrices.Blended : Governance.Kinds.TokenPrices.Input;
        return spec?.LocationOf(key).Line ?? model.Object.Location.Line;
    }

    private static string M(decimal v) => v.ToString("0.00####", CultureInfo.InvariantCulture);

    private static string T(decimal v) => v.ToString("#,0", CultureInfo.InvariantCulture);
}
