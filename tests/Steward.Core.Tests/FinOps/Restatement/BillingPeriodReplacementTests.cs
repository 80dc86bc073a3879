using Steward.Core.FinOps.Import;
using Steward.Core.FinOps.Reports;
using Steward.Core.FinOps.Restatement;
using Steward.Core.Storage;

using Steward.TestSupport;

namespace Steward.Core.Tests.FinOps.Restatement;

/// <summary>Which earlier charges a restated export replaces. Expected totals are the files' own sums, added by hand.</summary>
public sealed class BillingPeriodReplacementTests : IDisposable
{
    private const string Header = "BilledCost,EffectiveCost,ListCost,BillingCurrency,ChargePeriodStart,ChargePeriodEnd,BillingPeriodStart,BillingPeriodEnd,ProviderName,BillingAccountId,ServiceName,ChargeCategory\n";

    private readonly TempFolder temp = new();
    private readonly StewardStore store;

    public BillingPeriodReplacementTests() => store = StewardStore.Open(temp["s.duckdb"]);

    public void Dispose()
    {
        store.Dispose();
        temp.Dispose();
    }

    /// <summary>A FOCUS file with one row per (cost, provider, account, billing month).</summary>
    private string File(string name, params (string Cost, string Provider, string? Account, string Month)[] rows) =>
        temp.Write(name, Header + string.Concat(rows.Select(r =>
            $"{r.Cost},{r.Cost},{r.Cost},USD,{r.Month}-02T00:00:00Z,{r.Month}-03T00:00:00Z,{r.Month}-01T00:00:00Z,{r.Month}-28T00:00:00Z,{r.Provider},{r.Account ?? ""},Compute,Usage\n")));

    private Dictionary<string, decimal> ByAccountAndMonth() =>
        CostReport.Run(store, CostDimension.ParseList("ProviderName,BillingAccountId,BillingPeriodStart:month")).Rows
            .ToDictionary(r => string.Join(" ", r.Keys.Select(k => k ?? "-")), r => r.Cost);

    private IReadOnlyList<ReplacedCharges> Restate(params string[] files)
    {
        var replacement = new BillingPeriodReplacement();
        new FocusImporter(store).Import(files, replacement.AfterInsert);
        return replacement.Replaced;
    }

    [Fact]
    public void Only_the_same_provider_account_and_billing_period_is_replaced()
    {
        new FocusImporter(store).Import(File("first.csv",
            ("10.5", "AWS", "111", "2025-01"), ("2.25", "AWS", "111", "2025-01"),   // restated below
            ("7", "AWS", "111", "2025-02"),                                        // another period
            ("3", "AWS", "222", "2025-01"),                                        // another account
            ("4", "GCP", "111", "2025-01"),                                        // another provider
            ("1.5", "Azure", null, "2025-01")));                                   // no account: restated below

        var replaced = Restate(File("restated.csv", ("11.75", "AWS", "111", "2025-01"), ("0.5", "Azure", null, "2025-01")));

        ByAccountAndMonth().Should().BeEquivalentTo(new Dictionary<string, decimal>
        {
            ["AWS 111 2025-01"] = 11.75m,      // 10.5 + 2.25 replaced
            ["AWS 111 2025-02"] = 7m,
            ["AWS 222 2025-01"] = 3m,
            ["GCP 111 2025-01"] = 4m,
            ["Azure - 2025-01"] = 0.5m,        // a missing account matches a missing account
        });
        replaced.Select(r => (r.ReplacedImportId, r.ProviderName, r.BillingAccountId, r.Rows, r.BilledCost)).Should().Equal(
            (1L, "AWS", "111", 2L, 12.75m),
            (1L, "Azure", (string?)null, 1L, 1.5m));
        replaced.Should().OnlyContain(r => r.ByImportId == 2 && r.BillingPeriodStart == new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc));
    }

    [Fact]
    public void Parts_of_one_restated_export_given_together_do_not_replace_each_other()
    {
        new FocusImporter(store).Import(File("first.csv", ("10", "AWS", "111", "2025-01")));

        Restate(File("part-1.csv", ("6", "AWS", "111", "2025-01")), File("part-2.csv", ("5.5", "AWS", "111", "2025-01")));

        ByAccountAndMonth().Should().BeEquivalentTo(new Dictionary<string, decimal> { ["AWS 111 2025-01"] = 11.5m });   // 6 + 5.5
    }

    [Fact]
    public void A_later_restatement_replaces_the_earlier_one()
    {
        new FocusImporter(store).Import(File("first.csv", ("10", "AWS", "111", "2025-01")));
        Restate(File("second.csv", ("9", "AWS", "111", "2025-01")));

        var replaced = Restate(File("third.csv", ("8.25", "AWS", "111", "2025-01")));

        ByAccountAndMonth().Should().BeEquivalentTo(new Dictionary<string, decimal> { ["AWS 111 2025-01"] = 8.25m });
        replaced.Single().ReplacedImportId.Should().Be(2);
    }

    [Fact]
    public void A_file_of_new_periods_replaces_nothing()
    {
        new FocusImporter(store).Import(File("first.csv", ("10", "AWS", "111", "2025-01")));

        var replaced = Restate(File("next.csv", ("4", "AWS", "111", "2025-02")));

        replaced.Should().BeEmpty();
        ByAccountAndMonth().Values.Sum().Should().Be(14m);
    }

    [Fact]
    public void Charges_in_every_table_under_the_view_are_replaced()
    {
        // One charge kept from before part tables (cost_focus_rows), one in a part of another shape
        // (no BillingAccountId column: the view reads it as NULL), one in the shape of File().
        store.EnsureSchema(Steward.Core.FinOps.FinOpsSchema.Module);
        store.Execute("""
            INSERT INTO cost_focus_rows (import_id, BilledCost, EffectiveCost, ListCost, BillingCurrency, ChargePeriodStart, ChargePeriodEnd, BillingPeriodStart, ProviderName, BillingAccountId)
            VALUES (0, 9, 9, 9, 'USD', '2025-01-02', '2025-01-03', '2025-01-01', 'AWS', '111')
            """);
        new FocusImporter(store).Import(temp.Write("no-account.csv",
            "BilledCost,EffectiveCost,ListCost,BillingCurrency,ChargePeriodStart,ChargePeriodEnd,BillingPeriodStart,BillingPeriodEnd,ProviderName,ServiceName,ChargeCategory\n" +
            "6,6,6,USD,2025-01-02T00:00:00Z,2025-01-03T00:00:00Z,2025-01-01T00:00:00Z,2025-01-28T00:00:00Z,Azure,Compute,Usage\n"));
        new FocusImporter(store).Import(File("first.csv", ("10.5", "AWS", "111", "2025-01"), ("5", "Azure", "222", "2025-01")));

        Restate(File("restated.csv", ("11.75", "AWS", "111", "2025-01"), ("0.5", "Azure", null, "2025-01")));

        ByAccountAndMonth().Should().BeEquivalentTo(new Dictionary<string, decimal>
        {
            ["AWS 111 2025-01"] = 11.75m,      // 9 (cost_focus_rows) + 10.5 (part) replaced
            ["Azure 222 2025-01"] = 5m,        // another account
            ["Azure - 2025-01"] = 0.5m,        // 6 from the part without the account column replaced
        });
    }
}
