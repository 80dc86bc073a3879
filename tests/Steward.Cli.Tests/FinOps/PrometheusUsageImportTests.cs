using System.Globalization;
using System.Text.Json;
using Steward.Core.Application.Costs;
using Steward.Core.Storage;
using Steward.TestSupport;

namespace Steward.Cli.Tests.FinOps;

/// <summary>
/// <c>steward cost import-usage --prometheus</c> against Debian's real Prometheus over the series of
/// <see cref="PrometheusUsageFixture"/> (2026-11-01 00:00–01:00 UTC), with <c>--step 30m</c>: two windows,
/// h = 0.5 hours each. Prices (steward.yaml): CPU 0.04 $/core-hour, memory 0.005 $/GiB-hour, GPU 2.5 $/GPU-hour.
/// OpenCost's cost of a container in a window = (max(cpu request, cpu usage) × 0.04 + max(mem request, mem usage) GiB × 0.005 + GPUs × 2.5) × h.
/// </summary>
public sealed class PrometheusUsageImportTests : IDisposable
{
    private readonly TempFolder temp = new();
    private readonly CostCli cli = new();

    public void Dispose()
    {
        cli.Dispose();
        temp.Dispose();
    }

    private const string From = "2026-11-01T00:00:00Z";
    private const string To = "2026-11-01T01:00:00Z";

    // Direct cost per workload, window by window (h = 0.5):
    // api  w1: max(0.5, 0.75) = 0.75 × 0.5 × 0.04 = 0.015;  max(1, 0.5) = 1 GiB × 0.5 × 0.005 = 0.0025   → 0.0175
    //      w2: max(0.5, 0.25) = 0.5  × 0.5 × 0.04 = 0.01;   max(1, 1.5) = 1.5 GiB × 0.5 × 0.005 = 0.00375 → 0.01375   api = 0.03125
    // web  per pod and window: max(0.25, 0.125) = 0.25 × 0.5 × 0.04 = 0.005; 0.25 GiB × 0.5 × 0.005 = 0.000625 → 0.005625; × 2 pods × 2 windows = 0.0225
    // db   w1: max(2, 1.5) = 2 × 0.5 × 0.04 = 0.04; max(4, 6) = 6 × 0.5 × 0.005 = 0.015 → 0.055
    //      w2: max(2, 2.5) = 2.5 × 0.5 × 0.04 = 0.05; 0.015 → 0.065                           db = 0.12
    // report (CronJob) per window: max(1, 0.5) = 1 × 0.5 × 0.04 = 0.02; max(2, 1) = 2 × 0.5 × 0.005 = 0.005 → 0.025; report = 0.05
    // llm  per window: max(4, 3 | 3.5) = 4 × 0.5 × 0.04 = 0.08; max(16, 8) = 16 × 0.5 × 0.005 = 0.04; 1 GPU × 0.5 × 2.5 = 1.25 → 1.37; llm = 2.74
    private const decimal Api = 0.03125m, Web = 0.0225m, Db = 0.12m, Report = 0.05m, Llm = 2.74m;
    private const decimal Usage = Api + Web + Db + Report + Llm; // 2.96375

    // Idle = node capacity − what its containers were charged (max of request and usage), per resource:
    // node-a (8 cores, 32 GiB): w1 cpu 8×0.5 − (0.75+0.25+0.25+2)×0.5 = 4 − 1.625 = 2.375 core-h × 0.04 = 0.095;
    //                              mem 32×0.5 − (1+0.25+0.25+6)×0.5 = 16 − 3.75 = 12.25 GiB-h × 0.005 = 0.06125 → 0.15625
    //                           w2 cpu 4 − (0.5+0.25+0.25+2.5)×0.5 = 2.25 × 0.04 = 0.09; mem 16 − (1.5+0.25+0.25+6)×0.5 = 12 × 0.005 = 0.06 → 0.15
    // node-b (16 cores, 64 GiB, 2 GPUs) each window: cpu 8 − (1+4)×0.5 = 5.5 × 0.04 = 0.22; mem 32 − (2+16)×0.5 = 23 × 0.005 = 0.115;
    //                           gpu 2×0.5 − 1×0.5 = 0.5 × 2.5 = 1.25 → 1.585
    private const decimal Idle = 0.15625m + 0.15m + 1.585m + 1.585m; // 3.47625

    private async Task<PrometheusServer> Start(IEnumerable<string>? extra = null) =>
        await PrometheusServer.StartAsync(PrometheusUsageFixture.OpenMetrics(), extra, TestContext.Current.CancellationToken);

    [Fact]
    public async Task Import_stores_OpenCost_usage_per_window_and_allocate_prices_max_of_request_and_usage()
    {
        using var prometheus = await Start();
        var repo = PrometheusUsageFixture.Write(temp);

        var (exit, output, error) = await cli.Run("cost", "import-usage", "--prometheus", prometheus.Url, "--from", From, "--to", To, "--step", "30m");

        exit.Should().Be(0, error + prometheus.Log);
        // 6 containers (api, web ×2, db, report, llm) × 2 windows; the POD and pod-level cgroup series are not containers.
        output.Should().Be($"{prometheus.Url}: imported 12 usage rows, 2026-11-01 to 2026-11-01 01:00 in 2 windows of 30m (import 1)\n");

        // The stored rows: resource-hours of each window (value × 0.5 h), the owner and the pod's labels.
        var rows = Rows();
        rows.Should().HaveCount(12);
        var llm1 = rows.Single(r => r.Pod == "llm-5c6d7e8f9-abcde" && r.Start == new DateTime(2026, 11, 1, 0, 0, 0));
        llm1.End.Should().Be(new DateTime(2026, 11, 1, 0, 30, 0));
        (llm1.Kind, llm1.Name, llm1.Node, llm1.Container).Should().Be(("Deployment", "llm", "node-b", "server"));
        llm1.Cpu.Should().BeApproximately(3 * 0.5, 1e-9);
        llm1.CpuRequest.Should().BeApproximately(4 * 0.5, 1e-9);
        llm1.Memory.Should().BeApproximately(8 * 0.5, 1e-9);
        llm1.MemoryRequest.Should().BeApproximately(16 * 0.5, 1e-9);
        llm1.Gpu.Should().BeApproximately(1 * 0.5, 1e-9);
        llm1.GpuUtilization.Should().BeApproximately(5 / 100d, 1e-12);
        (llm1.NodeCpu, llm1.NodeMemory, llm1.NodeGpus).Should().Be((16d, 64d, 2d));
        JsonDocument.Parse(llm1.Labels!).RootElement.GetProperty("steward_dev_model").GetString().Should().Be("fraud");
        var api2 = rows.Single(r => r.Pod == "api-7d9f8b6c5-x2k4p" && r.Start == new DateTime(2026, 11, 1, 0, 30, 0));
        (api2.Kind, api2.Name).Should().Be(("Deployment", "api"));
        api2.Cpu.Should().BeApproximately(0.25 * 0.5, 1e-9);
        api2.Memory.Should().BeApproximately(1.5 * 0.5, 1e-9);
        (api2.NodeCpu, api2.NodeMemory, api2.NodeGpus).Should().Be((8d, 32d, (double?)null));
        rows.Single(r => r.Pod == "db-0" && r.Start.Minute == 0).Name.Should().Be("db");
        rows.Single(r => r.Pod == "db-0" && r.Start.Minute == 0).Kind.Should().Be("StatefulSet");
        rows.Where(r => r.Pod.StartsWith("report-", StringComparison.Ordinal)).Should().AllSatisfy(r => (r.Kind, r.Name).Should().Be(("CronJob", "report")));
        rows.Where(r => r.Pod.StartsWith("web-", StringComparison.Ordinal)).Should().HaveCount(4).And.AllSatisfy(r => r.Name.Should().Be("web"));
        rows.Where(r => r.Pod != "llm-5c6d7e8f9-abcde").Should().AllSatisfy(r => r.GpuUtilization.Should().BeNull());

        await AssertAllocation(repo);
    }

    private async Task AssertAllocation(string repo)
    {
        var (exit, output, error) = await cli.Run("cost", "allocate", repo, "--format", "json");
        exit.Should().Be(0, error);
        var json = JsonDocument.Parse(output).RootElement;
        json.GetProperty("samples").GetInt64().Should().Be(12);
        json.GetProperty("total").GetDecimal().Should().BeApproximately(Usage + Idle, 1e-9m); // 6.44
        var workloads = json.GetProperty("workloads").EnumerateArray().ToDictionary(w => w.GetProperty("name").GetString()!);
        workloads.Keys.Should().BeEquivalentTo(["api", "web", "db", "report", "llm"]);
        workloads["api"].GetProperty("direct").GetDecimal().Should().BeApproximately(Api, 1e-9m);
        workloads["web"].GetProperty("direct").GetDecimal().Should().BeApproximately(Web, 1e-9m);
        workloads["db"].GetProperty("direct").GetDecimal().Should().BeApproximately(Db, 1e-9m);
        workloads["report"].GetProperty("direct").GetDecimal().Should().BeApproximately(Report, 1e-9m);
        workloads["llm"].GetProperty("direct").GetDecimal().Should().BeApproximately(Llm, 1e-9m);
        workloads["report"].GetProperty("kind").GetString().Should().Be("CronJob");

        // Keys: api and db from Git's labels; web, report and llm (not in Git) from their pods' labels.
        var rows = json.GetProperty("rows").EnumerateArray().ToList();
        decimal Team(string team) => rows.Where(r => r.GetProperty("keys").GetProperty("team").GetString() == team).Sum(r => r.GetProperty("cost").GetDecimal());
        // Idle is split across the keys by their direct cost: team ml = 2.74 + 3.47625 × 2.74 / 2.96375.
        Team("ml").Should().BeApproximately(Llm + Idle * Llm / Usage, 1e-9m);
        // team data = db (Git) + report (pod label): 0.17 direct.
        Team("data").Should().BeApproximately(Db + Report + Idle * (Db + Report) / Usage, 1e-9m);
        var frontend = rows.Single(r => r.GetProperty("keys").GetProperty("team").GetString() == "frontend");
        frontend.GetProperty("keys").GetProperty("cost-center").GetString().Should().Be("cc-300");
        var payments = rows.Single(r => r.GetProperty("keys").GetProperty("team").GetString() == "payments");
        payments.GetProperty("keys").GetProperty("cost-center").GetString().Should().Be("cc-100");
        rows.Single(r => r.GetProperty("keys").GetProperty("team").GetString() == "ml").GetProperty("keys").GetProperty("model").GetString().Should().Be("fraud");
    }

    [Fact]
    public async Task Importing_overlapping_ranges_stores_each_window_once()
    {
        using var prometheus = await Start();
        var repo = PrometheusUsageFixture.Write(temp);
        (await cli.Run("cost", "import-usage", "--prometheus", prometheus.Url, "--from", From, "--to", To, "--step", "30m")).Exit.Should().Be(0);

        // The same range again: both windows replaced, nothing added.
        var (exit, output, error) = await cli.Run("cost", "import-usage", "--prometheus", prometheus.Url, "--from", From, "--to", To, "--step", "30m", "--format", "json");
        exit.Should().Be(0, error);
        var again = JsonDocument.Parse(output).RootElement.GetProperty("imports")[0];
        again.GetProperty("rows").GetInt64().Should().Be(12);
        again.GetProperty("replaced_rows").GetInt64().Should().Be(12);

        // 00:30–01:30 overlaps the second window; the third (01:00–01:30) has no samples. Given as Unix seconds.
        var from = ((long)(PrometheusUsageFixture.Start.AddMinutes(30) - DateTime.UnixEpoch).TotalSeconds).ToString(CultureInfo.InvariantCulture);
        var to = ((long)(PrometheusUsageFixture.Start.AddMinutes(90) - DateTime.UnixEpoch).TotalSeconds).ToString(CultureInfo.InvariantCulture);
        (exit, output, error) = await cli.Run("cost", "import-usage", "--prometheus", prometheus.Url, "--from", from, "--to", to, "--step", "30m");
        exit.Should().Be(0, error);
        output.Should().Be($"{prometheus.Url}: imported 6 usage rows, 2026-11-01 00:30 to 2026-11-01 01:30 in 2 windows of 30m (import 3); replaced 6 rows of earlier imports of these windows\n");

        var rows = Rows();
        rows.Should().HaveCount(12);
        rows.GroupBy(r => (r.Pod, r.Start)).Should().AllSatisfy(g => g.Should().ContainSingle());
        await AssertAllocation(repo);
    }

    [Fact]
    public async Task A_Prometheus_error_answer_exits_2_naming_the_server_and_the_query_and_stores_nothing()
    {
        // A real error answer: the server refuses queries that load more than 10 samples (HTTP 422, errorType execution).
        using var prometheus = await Start(["--query.max-samples=10"]);

        var (exit, output, error) = await cli.Run("cost", "import-usage", "--prometheus", prometheus.Url, "--from", From, "--to", To, "--step", "30m");

        exit.Should().Be(2, output);
        error.Should().StartWith($"steward: Prometheus {prometheus.Url}: query failed (execution): query processing would load too many samples into memory");
        error.Should().Contain("; query: avg(rate(container_cpu_usage_seconds_total{container!=\"\", container!=\"POD\"}[1800s])) by (container, pod, namespace)");
        error.TrimEnd('\n').Should().NotContain("\n");
        File.Exists(cli.StorePath).Should().BeTrue("the store is opened before the first query");
        Rows().Should().BeEmpty();
    }

    [Fact]
    public async Task An_unreachable_server_exits_2_with_one_line()
    {
        var (exit, _, error) = await cli.Run("cost", "import-usage", "--prometheus", "http://127.0.0.1:1", "--from", From, "--to", To);

        exit.Should().Be(2);
        error.Should().StartWith("steward: Prometheus http://127.0.0.1:1: cannot reach the server: ");
        error.TrimEnd('\n').Should().NotContain("\n");
    }

    [Theory]
    [InlineData("--step", "7", "--step 7: expected a duration such as 5m or 1h")]
    [InlineData("--step", "5s", "--step 5s: expected whole seconds from 10s to 24h, such as 5m or 1h")]
    [InlineData("--from", "yesterday", "--from yesterday: expected a date (2026-11-01), a date-time (2026-11-01T10:00:00Z) or Unix seconds")]
    public async Task Bad_flags_exit_2_naming_the_flag(string flag, string value, string message)
    {
        var args = new List<string> { "cost", "import-usage", "--prometheus", "http://127.0.0.1:1", "--from", From, "--to", To };
        var at = args.IndexOf(flag);
        if (at >= 0) args[at + 1] = value; else args.AddRange([flag, value]);

        var (exit, _, error) = await cli.Run([.. args]);

        exit.Should().Be(2);
        error.Should().Be($"steward: {message}\n");
    }

    [Fact]
    public async Task A_range_without_a_whole_window_and_files_with_prometheus_are_refused()
    {
        var (exit, _, error) = await cli.Run("cost", "import-usage", "--prometheus", "http://127.0.0.1:1", "--from", "2026-11-01T00:01:00Z", "--to", "2026-11-01T00:05:00Z");
        exit.Should().Be(2);
        error.Should().Be("steward: --from 2026-11-01T00:01:00Z --to 2026-11-01T00:05:00Z: no whole 5m window between them (windows are aligned to multiples of --step since 1970-01-01 UTC)\n");

        (exit, _, error) = await cli.Run("cost", "import-usage", "usage.csv", "--prometheus", "http://127.0.0.1:1", "--from", From, "--to", To);
        exit.Should().Be(2);
        error.Should().Be("steward: import-usage: give usage files or --prometheus, not both\n");

        (exit, _, error) = await cli.Run("cost", "import-usage", "usage.csv", "--from", From);
        exit.Should().Be(2);
        error.Should().Be("steward: --from: only with --prometheus URL\n");
    }

    private sealed record Row(
        DateTime Start, DateTime End, string Pod, string Container, string? Node, string? Kind, string? Name, string? Labels,
        double Cpu, double CpuRequest, double Memory, double MemoryRequest, double Gpu, double? GpuUtilization, double? NodeCpu, double? NodeMemory, double? NodeGpus);

    private List<Row> Rows()
    {
        using var store = CostStores.OpenForRead(cli.StorePath);
        using var command = StoreBackend.DuckDb(store).CreateCommand();
        command.CommandText = """
            SELECT period_start, period_end, pod, container, node, workload_kind, workload_name, CAST(labels AS VARCHAR),
                   cpu_core_hours, cpu_request_core_hours, memory_gib_hours, memory_request_gib_hours, gpu_hours, gpu_utilization,
                   node_cpu_cores, node_memory_gib, node_gpus
            FROM cost_usage ORDER BY period_start, pod
            """;
        using var reader = command.ExecuteReader();
        var rows = new List<Row>();
        string? S(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
        double? D(int i) => reader.IsDBNull(i) ? null : reader.GetDouble(i);
        while (reader.Read())
            rows.Add(new Row(reader.GetDateTime(0), reader.GetDateTime(1), reader.GetString(2), reader.GetString(3), S(4), S(5), S(6), S(7),
                reader.GetDouble(8), reader.GetDouble(9), reader.GetDouble(10), reader.GetDouble(11), reader.GetDouble(12), D(13), D(14), D(15), D(16)));
        return rows;
    }
}
