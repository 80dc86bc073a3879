using Steward.Core.Application;
using Steward.Core.Application.Costs;
using Steward.Core.FinOps.Usage;
using Steward.Core.Governance;
using Steward.Core.Storage;
using Steward.Core.FinOps;
using Steward.TestSupport;

namespace Steward.Core.Tests.Application;

/// <summary>
/// The cost services of <see cref="StewardApplication"/> over <see cref="UsageFixture"/> (prices CPU 0.04 $/core-hour,
/// memory 0.005 $/GiB-hour, GPU 2.5 $/GPU-hour; two hours of 2026-11-01). Figures from pandas, as in
/// BudgetEvaluatorTests and UsageOptimizerTests.
/// </summary>
public sealed class CostServicesTests : IDisposable
{
    private readonly TempFolder temp = new();
    private readonly string repo;
    private readonly string store;

    public CostServicesTests()
    {
        (repo, var usage) = UsageFixture.Write(temp);
        store = temp["store/steward.duckdb"];
        new StewardApplication().UsageImport.Import(store, [usage]);
    }

    public void Dispose() => temp.Dispose();

    /// <summary>A clock standing at a fixed instant.</summary>
    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    [Fact]
    public void Budgets_without_a_month_take_the_current_month_of_the_applications_clock()
    {
        var november = new StewardApplication(new ApplicationOptions { Clock = new FixedClock(new DateTimeOffset(2026, 11, 20, 23, 0, 0, TimeSpan.Zero)) });
        var december = new StewardApplication(new ApplicationOptions { Clock = new FixedClock(new DateTimeOffset(2026, 12, 1, 0, 30, 0, TimeSpan.Zero)) });
        var repository = RepositoryLoader.LoadFolder(repo);

        var inNovember = november.Budgets.Run(new BudgetRequest(store, repository));
        var inDecember = december.Budgets.Run(new BudgetRequest(store, repository));

        // actual_ml = 5.48 + 7.08156640625 · 5.48 / 5.79843359375 = 12.17266678298759 (pandas).
        var ml = inNovember.Statuses.Single(s => s.Budget.Name == "ml-monthly");
        ml.Month.Should().Be("2026-11");
        ml.Actual.Should().BeApproximately(12.17266678298759m, 1e-9m);
        inNovember.Exceeded.Should().BeFalse();              // the forecast crosses, the actual does not: a warning
        // December has no usage yet.
        inDecember.Statuses.Should().OnlyContain(s => s.Month == "2026-12" && s.Actual == 0m);
        inDecember.Exceeded.Should().BeFalse();
    }

    [Fact]
    public void Optimize_is_one_call_over_the_store_and_says_when_there_is_no_inference_log()
    {
        var result = new StewardApplication().CostOptimization.Run(new CostOptimizationRequest(store, RepositoryLoader.LoadFolder(repo)));

        // llm: GPU utilisation (0.05 + 0.08) / 2 = 0.065 < 0.10; 1 GPU · 730 h · 2.5 = 1825
        var gpu = result.Usage.IdleGpus.Single();
        gpu.Workload.Should().Be("llm");
        gpu.MonthlyCost.Should().Be(1825m);
        // llm memory: (16 − 8 / 0.7) · 730 · 0.005 = 16.685714285714283
        result.Usage.Rightsizing.Single(r => r.Workload == "llm" && r.Resource == "memory").MonthlySaving
            .Should().BeApproximately(16.685714285714283m, 1e-9m);
        result.Models.Should().BeNull();
    }

    [Fact]
    public void A_report_of_a_missing_store_is_an_input_error_and_creates_no_store()
    {
        var missing = temp["nothing/steward.duckdb"];

        var act = () => new StewardApplication().CostReport.Run(new CostReportRequest(missing, "ServiceName"));

        act.Should().Throw<StewardInputException>().WithMessage($"{missing}: no Steward store (create it with `steward cost import`*");
        File.Exists(missing).Should().BeFalse();
        Directory.Exists(temp["nothing"]).Should().BeFalse();
    }

    [Fact]
    public void Bad_values_name_the_flag_before_the_store_is_opened()
    {
        var missing = temp["nothing/steward.duckdb"];
        var application = new StewardApplication();

        FluentActions.Invoking(() => application.CostReport.Run(new CostReportRequest(missing, "ServiceName") { From = "2026-02-30" }))
            .Should().Throw<StewardInputException>().WithMessage("--from: '2026-02-30' is not a date (YYYY-MM-DD)");
        FluentActions.Invoking(() => application.CostReport.Run(new CostReportRequest(missing, "Nope")))
            .Should().Throw<StewardInputException>().WithMessage("--group-by: unknown dimension 'Nope'*");
    }

    [Fact]
    public void Allocation_dimensions_come_from_the_repositorys_steward_yaml()
    {
        temp.Write("labels/steward.yaml", """
            apiVersion: steward.dev/v1alpha1
            kind: Settings
            labels:
              costAllocation: [squad]
            """);

        var dimensions = CostReportService.AllocationDimensions(RepositoryLoader.LoadFolder(temp["labels"]));

        dimensions.Keys.Should().Contain("squad").And.Contain("model").And.Contain("model_version");
        CostReportService.AllocationDimensions(null).Keys.Should().Contain("team");
    }

    [Fact]
    public void Usage_import_twice_adds_nothing_the_second_time()
    {
        var again = new StewardApplication().UsageImport.Import(store, [temp["usage.csv"]]);

        again.Should().ContainSingle().Which.AlreadyImported.Should().BeTrue();
        using var opened = StewardStore.Open(store, FinOpsSchema.Module);
        UsageSample.Load(opened).Should().HaveCount(9);       // the fixture's 9 rows, once
    }
}
