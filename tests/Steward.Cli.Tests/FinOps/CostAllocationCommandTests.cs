using System.Text.Json;

using Steward.TestSupport;

namespace Steward.Cli.Tests.FinOps;

/// <summary>
/// <c>steward cost import-usage | allocate | budgets</c> end to end. Figures computed once with pandas
/// (see Steward.Core.Tests CostAllocatorTests): usage cost 5.79843359375, idle 7.08156640625,
/// total 12.88; team ml with kube-system shared = 12.199351855852742.
/// </summary>
public sealed class CostAllocationCommandTests : IDisposable
{
    private readonly Steward.TestSupport.TempFolder temp = new();
    private readonly CostCli cli = new();

    public void Dispose()
    {
        cli.Dispose();
        temp.Dispose();
    }

    [Fact]
    public async Task Import_then_allocate_reconciles_to_the_cent()
    {
        var (repo, usage) = UsageFixture.Write(temp);

        var (exit, output, error) = await cli.Run("cost", "import-usage", usage);
        exit.Should().Be(0, error);
        output.Should().Be("usage.csv: imported 9 usage rows, 2026-11-01 to 2026-11-01 02:00 (import 1)\n");
        (exit, output, _) = await cli.Run("cost", "import-usage", usage);
        output.Should().Be("usage.csv: already imported (import 1); nothing added\n");

        (exit, output, error) = await cli.Run("cost", "allocate", repo, "--shared-namespaces", "kube-system,monitoring", "--format", "json");
        exit.Should().Be(0, error);
        var json = JsonDocument.Parse(output).RootElement;
        var rows = json.GetProperty("rows").EnumerateArray().ToList();
        var total = json.GetProperty("total").GetDecimal();
        Math.Round(total, 2).Should().Be(12.88m);
        rows.Sum(r => r.GetProperty("cost").GetDecimal()).Should().Be(total);
        var ml = rows.Single(r => r.GetProperty("keys").GetProperty("team").GetString() == "ml");
        ml.GetProperty("cost").GetDecimal().Should().BeApproximately(12.199351855852742m, 1e-9m);
        ml.GetProperty("keys").GetProperty("cost-center").GetString().Should().Be("cc-200");
        rows.Should().Contain(r => r.GetProperty("keys").GetProperty("team").GetString() == "__unallocated__");

        (exit, output, error) = await cli.Run("cost", "allocate", repo, "--shared-namespaces", "kube-system");
        exit.Should().Be(0, error);
        output.Should().Contain("payments").And.Contain("fraud").And.Contain("12.88");
    }

    [Fact]
    public async Task A_bad_row_exits_2_and_leaves_the_store_unchanged()
    {
        var (_, usage) = UsageFixture.Write(temp);
        var bad = temp.Write("bad.csv", File.ReadAllText(usage).Replace("0.5,0.8,", "0.5,lots,", StringComparison.Ordinal));

        var (exit, _, error) = await cli.Run("cost", "import-usage", usage, bad);

        exit.Should().Be(2);
        error.Should().Contain("bad.csv: row 1 (line 2), column cpu_usage_cores: value 'lots' is not a number; nothing was imported");
        var (_, output, _) = await cli.Run("cost", "allocate", temp["repo"], "--format", "json");
        JsonDocument.Parse(output).RootElement.GetProperty("samples").GetInt64().Should().Be(0);
    }

    [Fact]
    public async Task Budgets_warn_on_forecast_and_fail_on_actual_spend()
    {
        var (repo, usage) = UsageFixture.Write(temp);
        await cli.Run("cost", "import-usage", usage);

        var (exit, output, error) = await cli.Run("cost", "budgets", repo, "--month", "2026-11", "--format", "json");
        exit.Should().Be(0, error);
        var ml = JsonDocument.Parse(output).RootElement.GetProperty("budgets").EnumerateArray().Single(b => b.GetProperty("name").GetString() == "ml-monthly");
        ml.GetProperty("actual").GetDecimal().Should().BeApproximately(12.17266678298759m, 1e-9m);
        ml.GetProperty("days_left").GetInt32().Should().Be(29);
        ml.GetProperty("finding").GetProperty("severity").GetString().Should().Be("warning");
        ml.GetProperty("line").GetInt32().Should().Be(1);

        temp.Write("repo/budgets/small.yaml", """
            apiVersion: steward.dev/v1alpha1
            kind: Budget
            metadata:
              name: ml-small
            spec:
              selector:
                matchLabels:
                  team: ml
              amount: 10
            """);
        (exit, output, _) = await cli.Run("cost", "budgets", repo, "--month", "2026-11");
        exit.Should().Be(1);
        output.Should().Contain("error budget-threshold budgets/small.yaml:1: Budget ml-small: spend in 2026-11 is 12.17 USD");
    }

    [Fact]
    public async Task Optimize_reports_rightsizing_and_idle_gpus()
    {
        var (repo, usage) = UsageFixture.Write(temp);
        await cli.Run("cost", "import-usage", usage);

        var (exit, output, error) = await cli.Run("cost", "optimize", repo, "--format", "json");

        exit.Should().Be(0, error);
        var json = JsonDocument.Parse(output).RootElement;
        // llm: 1 GPU at (0.05 + 0.08) / 2 = 6.5 %: 1 · 730 · 2.5 = 1825 a month
        var gpu = json.GetProperty("idle_gpus").EnumerateArray().Single();
        gpu.GetProperty("workload").GetString().Should().Be("llm");
        gpu.GetProperty("monthly_cost").GetDecimal().Should().Be(1825m);
        // llm memory: (16 − 8 / 0.7) · 730 · 0.005 = 16.685714285714283
        json.GetProperty("rightsizing").EnumerateArray()
            .Single(r => r.GetProperty("workload").GetString() == "llm" && r.GetProperty("resource").GetString() == "memory")
            .GetProperty("monthly_saving").GetDecimal().Should().BeApproximately(16.685714m, 1e-6m);
        json.GetProperty("models").ValueKind.Should().Be(JsonValueKind.Null);
    }
}
