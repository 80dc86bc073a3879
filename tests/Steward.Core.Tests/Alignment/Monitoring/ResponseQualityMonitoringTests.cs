using Steward.Core.Alignment.Ingest;
using Steward.Core.Alignment.Monitoring;
using Steward.Core.Governance;
using Steward.Core.Storage;
using Steward.TestSupport;

namespace Steward.Core.Tests.Alignment.Monitoring;

/// <summary>
/// refusal_rate and judge_score (issue 19) over hourly windows of <see cref="TokenFixture.ChatLog"/>, on both store
/// engines. Expected values computed once with Python's csv module over that log: per hour, count(refused == "true")
/// / rows and math.fsum(judge_score) / rows:
/// 00:00 → 1/12, 0.5745833333333333; 01:00 → 1/12, 0.633; 02:00 → 1/2, 0.762.
/// </summary>
public sealed class ResponseQualityMonitoringTests : IDisposable
{
    private const string Monitor = """
        apiVersion: steward.dev/v1alpha1
        kind: Monitor
        metadata:
          name: chat-quality
        spec:
          model: chat
          version: "2.0"
          reference: data/reference.csv
          features: [prompt_tokens]
          refusal: refused
          judgeScore: judge_score
          window: hourly
          metrics:
            refusal_rate: {max: 0.2}
            judge_score: {min: 0.6}
        """;

    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    public static TheoryData<StoreEngine> Engines => TestStores.Engines;

    private MonitorRun Run(StoreEngine engine, string monitor, string log)
    {
        temp.Write("repo/monitors/chat.yaml", monitor);
        temp.Write("repo/data/reference.csv", "prompt_tokens\n100\n200\n300\n");
        var path = temp.Write("chat.csv", log);
        using var test = TestStore.Create(engine);
        using var store = test.Open(AlignmentSchema.Module);
        new InferenceImporter(store).Inferences(path, "chat", "2.0");
        return new MonitorRunner(store).Run(RepositoryLoader.LoadFolder(temp["repo"]).Monitors, temp["repo"]).Monitors.Single();
    }

    [Theory, MemberData(nameof(Engines))]
    public void Refusal_rate_and_judge_score_per_window_with_their_thresholds(StoreEngine engine)
    {
        var windows = Run(engine, Monitor, TokenFixture.ChatLog).Windows;

        windows.Select(w => w.Rows).Should().Equal(12, 12, 2);
        Approx.Equal(windows[0].Metrics["refusal_rate"], 1.0 / 12, 1e-15);
        Approx.Equal(windows[1].Metrics["refusal_rate"], 1.0 / 12, 1e-15);
        Approx.Equal(windows[2].Metrics["refusal_rate"], 0.5, 1e-15);
        Approx.Equal(windows[0].Metrics["judge_score"], 0.5745833333333333, 1e-12);
        Approx.Equal(windows[1].Metrics["judge_score"], 0.633, 1e-12);
        Approx.Equal(windows[2].Metrics["judge_score"], 0.762, 1e-12);
        windows[0].Breaches.Select(b => b.Metric).Should().Equal("judge_score");   // 0.5746 < 0.6
        windows[1].Breaches.Should().BeEmpty();
        windows[2].Breaches.Select(b => b.Metric).Should().Equal("refusal_rate");  // 0.5 > 0.2
    }

    [Theory, MemberData(nameof(Engines))]
    public void Refusal_flags_may_be_1_0_or_yes_no_and_rows_without_one_are_left_out(StoreEngine engine)
    {
        var log = "timestamp,refused,judge_score\n2026-11-01T00:00:00Z,1,0.5\n2026-11-01T00:01:00Z,YES,\n2026-11-01T00:02:00Z,0,0.75\n2026-11-01T00:03:00Z,,1\n2026-11-01T00:04:00Z,no,1\n";

        var window = Run(engine, Monitor, log).Windows.Single();

        window.Metrics["refusal_rate"].Should().Be(0.5);        // 2 refusals of the 4 rows that log a flag
        window.Metrics["judge_score"].Should().Be(0.8125);      // (0.5 + 0.75 + 1 + 1) / 4
    }

    [Theory, MemberData(nameof(Engines))]
    public void A_refusal_flag_that_is_not_a_boolean_names_file_row_and_column(StoreEngine engine)
    {
        var log = "timestamp,refused,judge_score\n2026-11-01T00:00:00Z,true,0.5\n2026-11-01T00:01:00Z,maybe,0.7\n";

        var act = () => Run(engine, Monitor, log);

        act.Should().Throw<StewardInputException>().WithMessage("*chat.csv: row 2, column 'refused': 'maybe' is not a boolean*(spec.refusal of Monitor chat-quality, monitors/chat.yaml:1)");
    }

    [Fact]
    public void Judge_score_without_its_column_is_an_input_error()
    {
        var act = () => Run(StoreEngine.DuckDb, Monitor.Replace("  judgeScore: judge_score\n", ""), TokenFixture.ChatLog);

        act.Should().Throw<StewardInputException>().WithMessage("monitors/chat.yaml:1: Monitor chat-quality: spec.metrics: 'judge_score' needs spec.judgeScore*");
    }
}
