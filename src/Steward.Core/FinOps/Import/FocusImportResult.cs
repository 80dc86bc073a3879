namespace Steward.Core.FinOps.Import;

/// <summary>What one FOCUS export added to the store (or had added before, if already imported).</summary>
public sealed record FocusImportResult
{
    public required string Path { get; init; }
    public required long ImportId { get; init; }
    public required bool AlreadyImported { get; init; }
    public required long Rows { get; init; }

    /// <summary>Total BilledCost per billing currency, sorted by currency.</summary>
    public required IReadOnlyList<CurrencyAmount> BilledCost { get; init; }

    /// <summary>The earliest ChargePeriodStart and the latest ChargePeriodEnd (UTC), null for an empty file.</summary>
    public DateTime? PeriodStart { get; init; }

    public DateTime? PeriodEnd { get; init; }
}

/// <summary>An amount of money in one currency.</summary>
public sealed record CurrencyAmount(string Currency, decimal Amount);
