using Steward.Core.FinOps;
using Steward.Core.FinOps.Usage;
using Steward.Core.Storage;
using Steward.Core.Tests.FinOps.Allocation;

using Steward.TestSupport;

namespace Steward.Core.Tests.FinOps.Usage;

public class UsageImportTests
{
    private static double Sum(IStewardStore store, string column) =>
        Convert.ToDouble(store.Scalar($"SELECT coalesce(sum({column}), 0) FROM cost_usage"));

    private static long Rows(IStewardStore store) => Convert.ToInt64(store.Scalar("SELECT count(*) FROM cost_usage"));

    [Fact]
    public void Imports_samples_as_resource_hours_once()
    {
        using var temp = new Steward.TestSupport.TempFolder();
        var (_, usage) = UsageFixture.Write(temp);
        using var store = StewardStore.Open(temp["s.duckdb"], FinOpsSchema.Module);

        var first = new UsageImporter(store).Import([usage]).Single();
        var second = new UsageImporter(store).Import([usage]).Single();

        first.Rows.Should().Be(9);
        first.PeriodStart.Should().Be(new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc));
        first.PeriodEnd.Should().Be(new DateTime(2026, 11, 1, 2, 0, 0, DateTimeKind.Utc));
        second.AlreadyImported.Should().BeTrue();
        Rows(store).Should().Be(9);
        // Hourly windows: core-hours = cores. 0.8+1.2+3+0.05+0.1 + 0.3+2.5+3.5+0.2 = 11.65
        Sum(store, "cpu_core_hours").Should().BeApproximately(11.65, 1e-12);
        // requests: 0.5+2+4+0.1+0.25 + 0.5+2+4+0.1 = 13.45
        Sum(store, "cpu_request_core_hours").Should().BeApproximately(13.45, 1e-12);
        // memory usage bytes / 2^30: 0.5+6+8+0.0390625+0.125 + 1.5+4+8+0.0390625 = 28.203125
        Sum(store, "memory_gib_hours").Should().BeApproximately(28.203125, 1e-12);
        Sum(store, "gpu_hours").Should().Be(2);
        Sum(store, "gpu_utilization").Should().BeApproximately(0.13, 1e-12);
        Convert.ToDouble(store.Scalar("SELECT max(node_memory_gib) FROM cost_usage")).Should().Be(64);
    }

    [Fact]
    public void Parquet_gives_the_same_rows()
    {
        using var temp = new Steward.TestSupport.TempFolder();
        var (_, usage) = UsageFixture.Write(temp);
        var parquet = temp["usage.parquet"];
        using (var scratch = StewardStore.InMemory())
            scratch.Execute($"COPY (SELECT * FROM read_csv('{usage}')) TO '{parquet}' (FORMAT parquet)");
        using var store = StewardStore.Open(temp["s.duckdb"], FinOpsSchema.Module);

        new UsageImporter(store).Import([parquet]).Single().Rows.Should().Be(9);

        Sum(store, "cpu_core_hours").Should().BeApproximately(11.65, 1e-12);
        Sum(store, "gpu_hours").Should().Be(2);
    }

    [Theory]
    [InlineData(3, "cpu_usage_cores", "abc", "usage.csv: row 3 (line 4), column cpu_usage_cores: value 'abc' is not a number; nothing was imported")]
    [InlineData(5, "namespace", "", "usage.csv: row 5 (line 6), column namespace: value is empty; nothing was imported")]
    [InlineData(1, "timestamp", "yesterday", "usage.csv: row 1 (line 2), column timestamp: value 'yesterday' is not an ISO 8601 date-time or Unix seconds; nothing was imported")]
    [InlineData(8, "gpu_utilization", "55", "usage.csv: row 8 (line 9), column gpu_utilization: value '55' is above 1; nothing was imported")]
    [InlineData(2, "memory_request_bytes", "-1", "usage.csv: row 2 (line 3), column memory_request_bytes: value '-1' is negative; nothing was imported")]
    // Issue 12: out-of-range values were stored, and allocate, optimize and budgets then failed on them.
    // The bounds: 100,000 cores, 2^50 = 1,125,899,906,842,624 bytes, 1,024 GPUs, Unix seconds before 2200-01-01 (7,258,118,400).
    [InlineData(4, "cpu_usage_cores", "1e300", "usage.csv: row 4 (line 5), column cpu_usage_cores: value '1e300' is above 100000; nothing was imported")]
    [InlineData(6, "memory_usage_bytes", "1125899906842625", "usage.csv: row 6 (line 7), column memory_usage_bytes: value '1125899906842625' is above 1125899906842624; nothing was imported")]
    [InlineData(3, "gpu_count", "1025", "usage.csv: row 3 (line 4), column gpu_count: value '1025' is above 1024; nothing was imported")]
    [InlineData(3, "node_gpus", "1e9", "usage.csv: row 3 (line 4), column node_gpus: value '1e9' is above 1024; nothing was imported")]
    [InlineData(1, "timestamp", "7258118400", "usage.csv: row 1 (line 2), column timestamp: value '7258118400' is out of range (Unix seconds from 1970 to 2199); nothing was imported")]
    [InlineData(1, "timestamp", "1e300", "usage.csv: row 1 (line 2), column timestamp: value '1e300' is out of range (Unix seconds from 1970 to 2199); nothing was imported")]
    [InlineData(2, "timestamp", "9999-12-31T00:00:00Z", "usage.csv: row 2 (line 3), column timestamp: value '9999-12-31T00:00:00Z' is out of range (from 1970 to 2199); nothing was imported")]
    public void A_bad_value_is_named_and_nothing_is_imported(int row, string column, string value, string message)
    {
        using var temp = new Steward.TestSupport.TempFolder();
        var (_, good) = UsageFixture.Write(temp);
        var lines = File.ReadAllLines(good);
        var index = Array.IndexOf(lines[0].Split(','), column);
        var cells = lines[row].Split(',');
        cells[index] = value;
        lines[row] = string.Join(',', cells);
        var bad = Path.Combine(temp.Path, "bad", "usage.csv");
        Directory.CreateDirectory(Path.GetDirectoryName(bad)!);
        File.WriteAllLines(bad, lines);
        using var store = StewardStore.Open(temp["s.duckdb"], FinOpsSchema.Module);

        // The good file and the bad one in one command: all or nothing.
        var act = () => new UsageImporter(store).Import([good, bad]);

        act.Should().Throw<StewardInputException>().WithMessage(message.Replace("usage.csv", bad, StringComparison.Ordinal));
        Rows(store).Should().Be(0);
        store.Imports().Should().BeEmpty();
    }

    [Fact]
    public void A_missing_column_is_named()
    {
        using var temp = new Steward.TestSupport.TempFolder();
        var path = temp.Write("u.csv", "timestamp,namespace,pod,container,cpu_request_cores,cpu_usage_cores,memory_request_bytes\n2026-11-01T00:00:00Z,a,b,c,1,1,1\n");
        using var store = StewardStore.Open(temp["s.duckdb"], FinOpsSchema.Module);

        var act = () => new UsageImporter(store).Import([path]);

        act.Should().Throw<StewardInputException>().WithMessage($"{path}: missing usage column memory_usage_bytes (header, line 1); nothing was imported");
    }

    [Fact]
    public void Window_seconds_and_unix_timestamps_are_read()
    {
        using var temp = new Steward.TestSupport.TempFolder();
        // 1793491200 = 2026-11-01T00:00:00Z; a 5-minute window: 2 cores · 300 s / 3600 = 1/6 core-hour
        var path = temp.Write("u.csv", "Timestamp,Namespace,Pod,Container,CPU_Request_Cores,CPU_Usage_Cores,Memory_Request_Bytes,Memory_Usage_Bytes,Window_Seconds\n1793491200,a,b,c,1,2,0,0,300\n");
        using var store = StewardStore.Open(temp["s.duckdb"], FinOpsSchema.Module);

        var result = new UsageImporter(store).Import([path]).Single();

        result.PeriodStart.Should().Be(new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc));
        result.PeriodEnd.Should().Be(new DateTime(2026, 11, 1, 0, 5, 0, DateTimeKind.Utc));
        Sum(store, "cpu_core_hours").Should().BeApproximately(2.0 / 12, 1e-12);
        Sum(store, "gpu_hours").Should().Be(0);
    }
}
