using System.Globalization;
using Steward.Cli.Tests.FinOps;
using Steward.TestSupport;

namespace Steward.Cli.Tests.Storage;

/// <summary>
/// Issue 12, items 5, 6 and 8 at the command line: read commands never create a store, a store that is
/// not one is exit 2 naming it, and a failed import leaves the store exactly as it was.
/// </summary>
public sealed class StoreCommandSafetyTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    private static async Task<CliRunner.Result> Steward(params string[] args) => await CliRunner.RunAsync(args);

    /// <summary>Every command that only reads the store, with the arguments it needs besides --store.</summary>
    public static TheoryData<string[]> ReadingCommands => new()
    {
        new[] { "cost", "report", "--group-by", "ServiceName" },
        new[] { "cost", "forecast" },
        new[] { "cost", "anomalies" },
        new[] { "cost", "allocate", "REPO" },
        new[] { "cost", "budgets", "REPO" },
        new[] { "cost", "optimize", "REPO" },
        new[] { "cost", "tokens", "REPO" },
        new[] { "monitor", "report", "REPO" },
        new[] { "audit", "log" },
        new[] { "audit", "export", "OUT" },
        new[] { "audit", "verify" },
        new[] { "check", "REPO" },
    };

    [Theory]
    [MemberData(nameof(ReadingCommands))]
    public async Task A_reading_command_with_a_missing_store_exits_2_naming_it_and_creates_nothing(string[] command)
    {
        var (repo, _) = UsageFixture.Write(temp);
        var store = temp["typo.duckdb"];
        var args = command.Select(a => a switch { "REPO" => repo, "OUT" => temp["audit.jsonl"], _ => a }).ToList();

        var result = await Steward([.. args, "--store", store]);

        result.ExitCode.Should().Be(2, result.Error);
        result.Error.Should().StartWith($"steward: {store}: no Steward store (").And.Contain("steward ");
        result.Out.Should().BeEmpty();
        File.Exists(store).Should().BeFalse();
        File.Exists(temp["audit.jsonl"]).Should().BeFalse();
    }

    [Fact]
    public async Task A_writing_command_creates_the_store()
    {
        var store = temp["new/steward.duckdb"];

        var result = await Steward("cost", "import", CostCli.Sample, "--store", store);

        result.ExitCode.Should().Be(0, result.Error);
        File.Exists(store).Should().BeTrue();
    }

    [Theory]
    [InlineData("report")]
    [InlineData("import")]
    public async Task A_SQLite_file_as_store_is_exit_2_and_not_opened(string command)
    {
        var store = temp["costs.db"];
        // The SQLite header (16-byte magic, page size 4096) and an empty first page: DuckDB would hand
        // such a file to its sqlite extension, downloading it if auto-install were on.
        var bytes = new byte[4096];
        "SQLite format 3\0"u8.CopyTo(bytes);
        bytes[16] = 0x10;
        File.WriteAllBytes(store, bytes);
        string[] args = command == "report" ? ["cost", "report", "-g", "ServiceName"] : ["cost", "import", CostCli.Sample];

        var result = await Steward([.. args, "--store", store]);

        result.ExitCode.Should().Be(2, result.Error);
        result.Error.Should().Be($"steward: store {store} is not a DuckDB store (it is a SQLite database)\n".ReplaceLineEndings());
        File.ReadAllBytes(store).Should().Equal(bytes);
    }

    [Fact]
    public async Task A_half_truncated_store_is_exit_2_damaged()
    {
        var store = temp["s.duckdb"];
        (await Steward("cost", "import", CostCli.Sample, "--store", store)).ExitCode.Should().Be(0);
        var length = new FileInfo(store).Length;
        using (var stream = new FileStream(store, FileMode.Open))
            stream.SetLength(length / 2);

        foreach (var args in new[] { new[] { "cost", "report", "-g", "ServiceName" }, new[] { "cost", "import", CostCli.Sample } })
        {
            var result = await Steward([.. args, "--store", store]);
            result.ExitCode.Should().Be(2, result.Error);
            result.Error.Should().StartWith($"steward: store {store} is damaged or not a Steward store (");
            result.Error.Should().NotContain("internal error");
        }
    }

    [Fact]
    public async Task An_overflowing_import_is_exit_2_naming_its_row_and_leaves_the_store_as_it_was()
    {
        var store = temp["s.duckdb"];
        var first = temp.Write("first.csv", string.Join('\n', File.ReadAllLines(CostCli.Sample).Take(11)) + "\n");
        (await Steward("cost", "import", first, "--store", store)).ExitCode.Should().Be(0);
        var reportBefore = await Steward("cost", "report", "-g", "ServiceName", "--format", "json", "--store", store);
        var importsBefore = Imports(store);

        // Two BilledCost values of 26 nines: their sum overflows DuckDB's HUGEINT (2·10^38 > 1.7·10^38 in 10^-12 units).
        var lines = File.ReadAllLines(CostCli.Sample);
        var billed = lines[0].Split(',').ToList().IndexOf("\"BilledCost\"");
        for (var row = 1; row <= 2; row++)
        {
            var cells = lines[row].Split(',');
            cells[billed] = "99999999999999999999999999.0";
            lines[row] = string.Join(',', cells);
        }
        var overflowing = temp.Write("overflowing.csv", string.Join('\n', lines) + "\n");

        var result = await Steward("cost", "import", overflowing, "--store", store);

        result.ExitCode.Should().Be(2, result.Error);
        result.Error.Should().Be($"steward: {overflowing}: row 1 (line 2), column BilledCost: value '99999999999999999999999999.0' is out of range (a cost must be within ±10^15); nothing was imported\n");
        Imports(store).Should().Equal(importsBefore);
        var reportAfter = await Steward("cost", "report", "-g", "ServiceName", "--format", "json", "--store", store);
        reportAfter.ExitCode.Should().Be(0, reportAfter.Error);
        reportAfter.Out.Should().Be(reportBefore.Out);

        // The corrected export (the sample) imports: it was never recorded as imported.
        var corrected = await Steward("cost", "import", CostCli.Sample, "--store", store);
        corrected.ExitCode.Should().Be(0, corrected.Error);
        corrected.Out.Should().Contain("imported 1000 rows").And.NotContain("already imported");
    }

    [Fact]
    public async Task Out_of_range_usage_is_refused_and_usage_at_the_bounds_keeps_every_command_working()
    {
        var (repo, usage) = UsageFixture.Write(temp);
        var store = temp["s.duckdb"];
        var bad = temp.Write("bad.csv", File.ReadAllText(usage).Replace(",0.5,0.8,", ",0.5,1e300,", StringComparison.Ordinal));

        var refused = await Steward("cost", "import-usage", bad, "--store", store);

        refused.ExitCode.Should().Be(2, refused.Error);
        refused.Error.Should().Be($"steward: {bad}: row 1 (line 2), column cpu_usage_cores: value '1e300' is above 100000; nothing was imported\n");

        // Every value at its bound (100,000 cores, 2^50 bytes, 1,024 GPUs, a 366-day window): accepted, and
        // allocate, optimize and budgets still answer (exit 0, or 1 for an exceeded budget), never 2 or 3.
        const string max = "timestamp,cluster,namespace,pod,container,node,cpu_request_cores,cpu_usage_cores,memory_request_bytes,memory_usage_bytes,gpu_count,gpu_utilization,node_cpu_cores,node_memory_bytes,node_gpus,window_seconds\n"
            + "2026-11-01T00:00:00Z,prod,ml,llm-5c6d7e8f9-abcde,server,node-b,100000,100000,1125899906842624,1125899906842624,1024,1,100000,1125899906842624,1024,31622400\n"
            + "2026-11-01T00:00:00Z,prod,shop,db-0,postgres,node-a,100000,100000,1125899906842624,1125899906842624,1024,0,100000,1125899906842624,1024,31622400\n";
        var atBounds = temp.Write("max.csv", max);
        var imported = await Steward("cost", "import-usage", atBounds, "--store", store);
        imported.ExitCode.Should().Be(0, imported.Error);

        foreach (var args in new[]
        {
            new[] { "cost", "allocate", repo, "--format", "json" },
            new[] { "cost", "optimize", repo, "--format", "json" },
            new[] { "cost", "budgets", repo, "--month", "2026-11", "--format", "json" },
        })
        {
            var result = await Steward([.. args, "--store", store]);
            result.ExitCode.Should().BeOneOf([0, 1], $"{string.Join(' ', args)}: {result.Error}");
            result.Error.Should().BeEmpty();
        }
    }

    private static List<string> Imports(string store)
    {
        using var opened = Core.Storage.StewardStore.Open(store);
        return opened.Imports().Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.ImportId} {r.Kind} {r.Sha256} {r.Rows}")).ToList();
    }
}
