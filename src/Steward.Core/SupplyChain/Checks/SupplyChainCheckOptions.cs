namespace Steward.Core.SupplyChain.Checks;

/// <summary>What the supply-chain rules of <c>steward check</c> need beyond the repository.</summary>
public sealed record SupplyChainCheckOptions
{
    public static SupplyChainCheckOptions Default { get; } = new();

    /// <summary>The folder artifacts were downloaded to (<c>steward check --artifacts DIR</c>); null: artifact rules are skipped.</summary>
    public string? ArtifactsDirectory { get; init; }

    /// <summary>The day ignores are compared with (UTC today when null).</summary>
    public DateOnly? Today { get; init; }

    public DateOnly TodayOrNow => Today ?? DateOnly.FromDateTime(DateTime.UtcNow);
}
