using Steward.Core.Alignment.Ingest;
using Steward.Core.Findings;

namespace Steward.Core.FinOps.Tokens;

/// <summary>Where a model's tokens were served: on the team's own GPUs (allocated usage cost) or by a cloud AI service (FOCUS token charges).</summary>
public static class TokenSources
{
    public const string SelfHosted = "self-hosted";
    public const string Api = "api";
}

/// <summary>
/// The tokens and cost of one model version for one team, from one source. Input tokens include cached ones.
/// Self-hosted rows have one cost for all tokens (a GPU serves prompt and completion alike), so their price is per
/// 1M tokens only; API rows are billed per direction, so they have input and output prices too.
/// </summary>
public sealed record TokenCostRow(string Source, string Model, string Version, string Team, string Family)
{
    /// <summary>Logged inferences (self-hosted); null for API rows, whose bill counts tokens, not requests.</summary>
    public long? Requests { get; init; }
    public decimal InputTokens { get; init; }
    public decimal CachedTokens { get; init; }
    public decimal OutputTokens { get; init; }

    /// <summary>API tokens whose charge names no direction.</summary>
    public decimal OtherTokens { get; init; }
    public decimal Cost { get; init; }

    /// <summary>API only: the cost of input (and cached input) and of output charges.</summary>
    public decimal? InputCost { get; init; }
    public decimal? OutputCost { get; init; }

    /// <summary>Self-hosted only: GPU-hours of the workloads serving the version in the period.</summary>
    public double? GpuHours { get; init; }

    /// <summary>Self-hosted only: the tokens per modality as logged.</summary>
    public IReadOnlyList<InferenceTokenUsage> Modalities { get; init; } = [];

    /// <summary>Self-hosted only: what the same input and output tokens cost at the API prices of the family, when the ledger has them.</summary>
    public decimal? ApiEquivalentCost { get; init; }
    public Finding? Finding { get; init; }

    public decimal TotalTokens => InputTokens + OutputTokens + OtherTokens;

    public decimal? CostPerMillionTokens => PerMillion(Cost, TotalTokens);
    public decimal? CostPerMillionInput => InputCost is { } c ? PerMillion(c, InputTokens) : null;
    public decimal? CostPerMillionOutput => OutputCost is { } c ? PerMillion(c, OutputTokens) : null;

    public double? GpuHoursPer1000Requests => GpuHours is { } h && Requests is > 0 ? h / Requests.Value * 1000 : null;

    internal static decimal? PerMillion(decimal cost, decimal tokens) => tokens > 0 ? cost / tokens * 1_000_000m : null;
}
