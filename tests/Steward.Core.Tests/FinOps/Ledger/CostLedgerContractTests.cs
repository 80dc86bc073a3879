using Steward.Core.FinOps;
using Steward.Core.FinOps.Import;
using Steward.Core.FinOps.Reports;
using Steward.Core.FinOps.Restatement;
using Steward.Core.FinOps.Usage;
using Steward.Core.Storage;
using Steward.TestSupport;

namespace Steward.Core.Tests.FinOps.Ledger;

/// <summary>
/// Issue 17: the cost ledger and the usage ledger keep the same contract on the embedded DuckDB store
/// and on a real PostgreSQL server: a file's content is stored once, a failed file leaves nothing
/// behind (and is explained alike), a restated billing period replaces the earlier charges, and the
/// figures are exact decimals. Expected totals are the files' own sums, added by hand in the comments.
/// </summary>
public sealed class CostLedgerContractTests : IDisposable
{
    private const string Header = "BilledCost,EffectiveCost,ListCost,BillingCurrency,ChargePeriodStart,ChargePeriodEnd,BillingPeriodStart,BillingPeriodEnd,ProviderName,BillingAccountId,ServiceName,ChargeCategory,Tags\n";

    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    public static TheoryData<StoreEngine> Engines => TestStores.Engines;

    /// <summary>A FOCUS file with one row per (cost, provider, account, billing month, team tag).</summary>
    private string File(string name, params (string Cost, string Provider, string? Account, string Month, string? Team)[] rows) =>
        temp.Write(name, Header + string.Concat(rows.Select(r =>
            $"{r.Cost},{r.Cost},{r.Cost},USD,{r.Month}-02T10:00:00Z,{r.Month}-03T00:00:00+02:00,{r.Month}-01T00:00:00Z,{r.Month}-28T00:00:00Z,{r.Provider},{r.Account ?? ""},Compute,Usage,"
            + (r.Team is null ? "" : $"\"{{\"\"team\"\": \"\"{r.Team}\"\"}}\"") + "\n")));

    private static Dictionary<string, decimal> Report(IStewardStore store, string groupBy) =>
        CostReport.Run(store, CostDimension.ParseList(groupBy)).Rows.ToDictionary(r => string.Join(" ", r.Keys.Select(k => k ?? "-")), r => r.Cost);

    [Theory, MemberData(nameof(Engines))]
    public void The_same_content_is_stored_once_with_exact_sums(StoreEngine engine)
    {
        using var test = TestStore.Create(engine);
        using var store = test.Open(FinOpsSchema.Module);
        var file = File("a.csv", ("0.000000000001", "AWS", "1", "2025-01", "ml"), ("12345678901234.123456789012", "AWS", "1", "2025-01", null),
            ("-0.1", "GCP", "2", "2025-02", "ml"));
        var copy = temp.Write("copy.csv", System.IO.File.ReadAllText(file));

        var first = new FocusImporter(store).Import(file).Single();
        var again = new FocusImporter(store).Import(copy).Single();

        first.AlreadyImported.Should().BeFalse();
        first.Rows.Should().Be(3);
        // 0.000000000001 + 12345678901234.123456789012 - 0.1 = 12345678901234.023456789013
        first.BilledCost.Should().Equal(new CurrencyAmount("USD", 12345678901234.023456789013m));
        first.PeriodStart.Should().Be(new DateTime(2025, 1, 2, 10, 0, 0, DateTimeKind.Utc));
        first.PeriodEnd.Should().Be(new DateTime(2025, 2, 2, 22, 0, 0, DateTimeKind.Utc), "+02:00 is converted to UTC");
        again.AlreadyImported.Should().BeTrue();
        again.ImportId.Should().Be(first.ImportId);
        store.Imports(FocusImporter.Kind).Should().HaveCount(1);
        Report(store, "ProviderName,tag:team,ChargePeriodStart:month").Should().BeEquivalentTo(new Dictionary<string, decimal>
        {
            ["AWS ml 2025-01"] = 0.000000000001m,
            ["AWS __unallocated__ 2025-01"] = 12345678901234.123456789012m,
            ["GCP ml 2025-02"] = -0.1m,
        });
    }

    [Theory, MemberData(nameof(Engines))]
    public void A_bad_value_rolls_back_every_file_and_names_its_row(StoreEngine engine)
    {
        using var test = TestStore.Create(engine);
        using var store = test.Open(FinOpsSchema.Module);
        var good = File("good.csv", ("1", "AWS", "1", "2025-01", null));
        var bad = File("bad.csv", ("2", "AWS", "1", "2025-01", null), ("lots", "AWS", "1", "2025-01", null));

        var act = () => new FocusImporter(store).Import(good, bad);

        act.Should().Throw<StewardInputException>()
            .WithMessage($"{bad}: row 2 (line 3), column BilledCost: value 'lots' is not a decimal number; nothing was imported");
        store.Imports().Should().BeEmpty();
        Report(store, "ProviderName").Should().BeEmpty();
        // The store stays usable.
        new FocusImporter(store).Import(good).Single().Rows.Should().Be(1);
    }

    [Theory, MemberData(nameof(Engines))]
    public void An_empty_mandatory_value_is_named_alike(StoreEngine engine)
    {
        using var test = TestStore.Create(engine);
        using var store = test.Open(FinOpsSchema.Module);
        var bad = temp.Write("empty.csv", Header + "1,1,1,,2025-01-02T00:00:00Z,2025-01-03T00:00:00Z,2025-01-01T00:00:00Z,2025-01-28T00:00:00Z,AWS,1,Compute,Usage,\n");

        var act = () => new FocusImporter(store).Import(bad);

        act.Should().Throw<StewardInputException>().WithMessage($"{bad}: row 1 (line 2), column BillingCurrency: value is empty; nothing was imported");
        store.Imports().Should().BeEmpty();
    }

    [Theory, MemberData(nameof(Engines))]
    public void A_restated_billing_period_replaces_the_earlier_charges(StoreEngine engine)
    {
        using var test = TestStore.Create(engine);
        using var store = test.Open(FinOpsSchema.Module);
        new FocusImporter(store).Import(File("first.csv",
            ("10.5", "AWS", "111", "2025-01", null), ("2.25", "AWS", "111", "2025-01", null),   // restated below
            ("7", "AWS", "111", "2025-02", null),                                              // another period
            ("4", "GCP", "111", "2025-01", null),                                              // another provider
            ("1.5", "Azure", null, "2025-01", null)));                                         // no account: restated below

        var replacement = new BillingPeriodReplacement();
        new FocusImporter(store).Import([File("restated.csv", ("11.75", "AWS", "111", "2025-01", null), ("0.5", "Azure", null, "2025-01", null))],
            replacement.AfterInsert);

        Report(store, "ProviderName,BillingAccountId,BillingPeriodStart:month").Should().BeEquivalentTo(new Dictionary<string, decimal>
        {
            ["AWS 111 2025-01"] = 11.75m,      // 10.5 + 2.25 replaced
            ["AWS 111 2025-02"] = 7m,
            ["GCP 111 2025-01"] = 4m,
            ["Azure - 2025-01"] = 0.5m,        // a missing account matches a missing account
        });
        replacement.Replaced.Select(r => (r.ReplacedImportId, r.ProviderName, r.BillingAccountId, r.Rows, r.BilledCost)).Should().Equal(
            (1L, "AWS", "111", 2L, 12.75m),
            (1L, "Azure", (string?)null, 1L, 1.5m));
    }

    [Theory, MemberData(nameof(Engines))]
    public void Usage_samples_read_back_as_imported(StoreEngine engine)
    {
        using var test = TestStore.Create(engine);
        using var store = test.Open(FinOpsSchema.Module);
        var (_, usage) = UsageFixture.Write(temp);

        var first = new UsageImporter(store).Import([usage]).Single();
        var again = new UsageImporter(store).Import([usage]).Single();
        var samples = UsageSample.Load(store);

        first.Rows.Should().Be(9);
        again.AlreadyImported.Should().BeTrue();
        samples.Should().HaveCount(9);
        samples.Select(s => (s.Start, s.Namespace, s.Pod, s.Container)).Should().BeInAscendingOrder(Comparer<(DateTime, string, string, string)>.Create(
            (a, b) => a.Item1 != b.Item1 ? a.Item1.CompareTo(b.Item1) : string.CompareOrdinal(a.Item2 + "\u0000" + a.Item3 + "\u0000" + a.Item4, b.Item2 + "\u0000" + b.Item3 + "\u0000" + b.Item4)));
        samples.Should().OnlyContain(s => s.Start.Kind == DateTimeKind.Utc && s.End > s.Start);
    }
}
