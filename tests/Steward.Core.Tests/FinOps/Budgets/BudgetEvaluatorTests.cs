using Steward.Core.FinOps;
using Steward.Core.FinOps.Budgets;
using Steward.Core.FinOps.Usage;
using Steward.Core.Findings;
using Steward.Core.Governance;
using Steward.Core.Storage;
using Steward.Core.Tests.FinOps.Allocation;

using Steward.TestSupport;

namespace Steward.Core.Tests.FinOps.Budgets;

/// <summary>
/// Expected figures from pandas on <see cref="UsageFixture"/> (no shared namespaces, idle proportional):
/// <code>
/// actual_ml  = 5.48 + 7.08156640625 · 5.48 / 5.79843359375     = 12.17266678298759
/// actual_pay = 0.0645 + 7.08156640625 · 0.0645 / 5.79843359375 = 0.14327317655158753
/// elapsed = 2 h = 1/12 day; forecast = actual · 30 / (1/12)  → 4382.160041875533 and 51.57834355857152
/// days left = 30 − ⌈1/12⌉ = 29
/// </code>
/// </summary>
public class BudgetEvaluatorTests
{
    private static IReadOnlyList<BudgetStatus> Run(string? extraBudget = null)
    {
        using var temp = new Steward.TestSupport.TempFolder();
        var (repo, usage) = UsageFixture.Write(temp);
        if (extraBudget is not null) temp.Write("repo/budgets/extra.yaml", extraBudget);
        using var store = StewardStore.Open(temp["s.duckdb"], FinOpsSchema.Module);
        new UsageImporter(store).Import([usage]);
        return BudgetEvaluator.Evaluate(UsageSample.Load(store), RepositoryLoader.LoadFolder(repo), "2026-11");
    }

    [Fact]
    public void Forecast_crossing_a_threshold_is_a_warning_with_the_budget_location()
    {
        var statuses = Run();

        var ml = statuses.Single(s => s.Budget.Name == "ml-monthly");
        ml.Actual.Should().BeApproximately(12.17266678298759m, 1e-9m);
        ml.Forecast.Should().BeApproximately(4382.160041875533m, 1e-6m);
        ml.DaysLeft.Should().Be(29);
        ml.CrossedByActual.Should().BeNull();
        ml.CrossedByForecast.Should().Be(1.0m);
        var finding = ml.Finding!;
        finding.RuleId.Should().Be("budget-threshold");
        finding.Category.Should().Be(Category.FinOps);
        finding.Severity.Should().Be(Severity.Warning);
        finding.Subject.Kind.Should().Be("Budget");
        finding.Subject.Name.Should().Be("ml-monthly");
        finding.Subject.File.Should().Be("budgets/ml.yaml");
        finding.Subject.Line.Should().Be(1);
        finding.Evidence["amount"].Should().Be(100m);
        finding.Evidence["days_left"].Should().Be(29);

        var pay = statuses.Single(s => s.Budget.Name == "payments-monthly");
        pay.Actual.Should().BeApproximately(0.14327317655158753m, 1e-9m);
        pay.Forecast.Should().BeApproximately(51.57834355857152m, 1e-6m);
        pay.Finding!.Subject.Line.Should().Be(12);
    }

    [Fact]
    public void Actual_spend_over_the_amount_is_an_error()
    {
        var statuses = Run("""
            apiVersion: steward.dev/v1alpha1
            kind: Budget
            metadata:
              name: ml-small
            spec:
              selector:
                matchLabels:
                  team: ml
              amount: 12
            """);

        var small = statuses.Single(s => s.Budget.Name == "ml-small");
        small.CrossedByActual.Should().Be(1.0m);       // 12.1727 ≥ 1.0 · 12
        small.Finding!.Severity.Should().Be(Severity.Error);
        small.Finding.Subject.File.Should().Be("budgets/extra.yaml");
    }

    [Fact]
    public void A_budget_under_its_thresholds_has_no_finding()
    {
        var statuses = Run("""
            apiVersion: steward.dev/v1alpha1
            kind: Budget
            metadata:
              name: data-big
            spec:
              selector:
                matchLabels:
                  team: data
              amount: 1000
            """);

        // data: 0.23 · (1 + 7.08156640625 / 5.79843359375) = 0.5108965985560486, forecast · 360 = 183.92
        var data = statuses.Single(s => s.Budget.Name == "data-big");
        data.Actual.Should().BeApproximately(0.5108965985560486m, 1e-9m);
        data.Finding.Should().BeNull();
    }
}
