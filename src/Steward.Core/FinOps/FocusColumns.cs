namespace Steward.Core.FinOps;

/// <summary>How a FOCUS column is stored and what it may be used for.</summary>
public enum FocusColumnKind
{
    /// <summary>An amount of money: DECIMAL(38,12) in the store, never floating point.</summary>
    Money,

    /// <summary>A quantity or unit price: DOUBLE (not summed into money totals).</summary>
    Quantity,

    /// <summary>A date-time, stored as a UTC TIMESTAMP; groups by hour, day, week, month or year.</summary>
    Timestamp,

    /// <summary>Text: a dimension to group and filter by.</summary>
    Text,

    /// <summary>A JSON object of key/value pairs (Tags); grouped by key with <c>tag:KEY</c>.</summary>
    Json,
}

/// <summary>A FOCUS column that Steward stores.</summary>
/// <param name="Name">The FOCUS name, also the column's name in <c>cost_focus</c>.</param>
/// <param name="Required">Mandatory in FOCUS 1.0–1.2 and needed by Steward: an export without it is rejected.</param>
/// <param name="NotNull">A row whose value is empty is rejected.</param>
/// <param name="Aliases">Other names the column has in other FOCUS versions (e.g. 1.3's ServiceProviderName).</param>
public sealed record FocusColumn(string Name, FocusColumnKind Kind, bool Required = false, bool NotNull = false, params string[] Aliases);

/// <summary>
/// The FOCUS columns Steward keeps: the whitelist for every dimension, metric and filter a user
/// names, so that no user text ever reaches SQL as an identifier.
/// </summary>
public static class FocusColumns
{
    public const string MoneyType = "DECIMAL(38,12)";

    public static readonly IReadOnlyList<FocusColumn> All =
    [
        new("BilledCost", FocusColumnKind.Money, Required: true, NotNull: true),
        new("EffectiveCost", FocusColumnKind.Money, Required: true, NotNull: true),
        new("ListCost", FocusColumnKind.Money, Required: true, NotNull: true),
        new("ContractedCost", FocusColumnKind.Money),
        new("BillingCurrency", FocusColumnKind.Text, Required: true, NotNull: true),
        new("ChargePeriodStart", FocusColumnKind.Timestamp, Required: true, NotNull: true),
        new("ChargePeriodEnd", FocusColumnKind.Timestamp, Required: true, NotNull: true),
        new("BillingPeriodStart", FocusColumnKind.Timestamp, Required: true),
        new("BillingPeriodEnd", FocusColumnKind.Timestamp, Required: true),
        new("ProviderName", FocusColumnKind.Text, Required: true, NotNull: false, "ServiceProviderName"),
        new("PublisherName", FocusColumnKind.Text),
        new("InvoiceIssuerName", FocusColumnKind.Text),
        new("ServiceName", FocusColumnKind.Text, Required: true),
        new("ServiceCategory", FocusColumnKind.Text),
        new("ServiceSubcategory", FocusColumnKind.Text),
        new("ChargeCategory", FocusColumnKind.Text, Required: true),
        new("ChargeClass", FocusColumnKind.Text),
        new("ChargeDescription", FocusColumnKind.Text),
        new("ChargeFrequency", FocusColumnKind.Text),
        new("PricingCategory", FocusColumnKind.Text),
        new("PricingUnit", FocusColumnKind.Text),
        new("PricingQuantity", FocusColumnKind.Quantity),
        new("ConsumedQuantity", FocusColumnKind.Quantity),
        new("ConsumedUnit", FocusColumnKind.Text),
        new("ListUnitPrice", FocusColumnKind.Quantity),
        new("ContractedUnitPrice", FocusColumnKind.Quantity),
        new("BillingAccountId", FocusColumnKind.Text),
        new("BillingAccountName", FocusColumnKind.Text),
        new("SubAccountId", FocusColumnKind.Text),
        new("SubAccountName", FocusColumnKind.Text),
        new("RegionId", FocusColumnKind.Text),
        new("RegionName", FocusColumnKind.Text),
        new("AvailabilityZone", FocusColumnKind.Text),
        new("ResourceId", FocusColumnKind.Text),
        new("ResourceName", FocusColumnKind.Text),
        new("ResourceType", FocusColumnKind.Text),
        new("SkuId", FocusColumnKind.Text),
        new("SkuPriceId", FocusColumnKind.Text),
        new("CommitmentDiscountCategory", FocusColumnKind.Text),
        new("CommitmentDiscountId", FocusColumnKind.Text),
        new("CommitmentDiscountName", FocusColumnKind.Text),
        new("CommitmentDiscountStatus", FocusColumnKind.Text),
        new("CommitmentDiscountType", FocusColumnKind.Text),
        new("Tags", FocusColumnKind.Json),
    ];

    private static readonly Dictionary<string, FocusColumn> ByName =
        All.ToDictionary(c => c.Name, StringComparer.OrdinalIgnoreCase);

    /// <summary>The column named <paramref name="name"/> (any case), or null if Steward does not keep it.</summary>
    public static FocusColumn? Find(string name) => ByName.GetValueOrDefault(name);

    /// <summary>The metrics a report can sum.</summary>
    public static IEnumerable<FocusColumn> Metrics => All.Where(c => c.Kind == FocusColumnKind.Money);

    /// <summary>The columns a report can group by.</summary>
    public static IEnumerable<FocusColumn> Dimensions => All.Where(c => c.Kind is FocusColumnKind.Text or FocusColumnKind.Timestamp);

    /// <summary>The SQL type of a column in <c>cost_focus</c>.</summary>
    public static string SqlType(FocusColumnKind kind) => kind switch
    {
        FocusColumnKind.Money => MoneyType,
        FocusColumnKind.Quantity => "DOUBLE",
        FocusColumnKind.Timestamp => "TIMESTAMP",
        FocusColumnKind.Json => "JSON",
        _ => "VARCHAR",
    };
}
