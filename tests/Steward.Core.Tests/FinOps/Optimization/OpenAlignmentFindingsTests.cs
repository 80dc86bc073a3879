using Steward.Core.Alignment.Ingest;
using Steward.Core.FinOps.Optimization;
using Steward.Core.Storage;

namespace Steward.Core.Tests.FinOps.Optimization;

public sealed class OpenAlignmentFindingsTests : IDisposable
{
    private readonly Steward.TestSupport.TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void A_store_without_monitor_results_has_no_open_findings()
    {
        using var store = StewardStore.Open(temp["s.duckdb"]);

        OpenAlignmentFindings.Load(store).Should().BeEmpty();
    }

    [Fact]
    public void A_monitor_metric_is_open_when_its_latest_window_breached()
    {
        using var store = StewardStore.Open(temp["s.duckdb"], AlignmentSchema.Module);
        // (monitor, model, version, window day, metric, breached), the table steward monitor run fills.
        (string, string, string, int, string, bool)[] results =
        [
            ("m1", "fraud", "1.2", 1, "drift_share", true),
            ("m1", "fraud", "1.2", 2, "drift_share", true),     // still breached: open
            ("m1", "fraud", "1.2", 1, "accuracy", true),
            ("m1", "fraud", "1.2", 2, "accuracy", false),       // recovered: closed
            ("m2", "fraud", "*", 1, "demographic_parity_difference", false),
            ("m2", "fraud", "*", 3, "demographic_parity_difference", true),   // open, for every version of fraud
            ("m3", "chat", "2.0", 1, "f1", true),
        ];
        foreach (var (monitor, model, version, day, metric, breached) in results)
        {
            var start = new DateTime(2026, 11, day, 0, 0, 0, DateTimeKind.Utc);
            store.Execute("INSERT INTO monitor_results VALUES ($m, $model, $v, $s, $e, 10, $metric, 0.5, 'max 0.3', $b)",
                ("m", monitor), ("model", model), ("v", version), ("s", start), ("e", start.AddDays(1)), ("metric", metric), ("b", breached));
        }

        var open = OpenAlignmentFindings.Load(store);

        open.Should().BeEquivalentTo(new Dictionary<(string, string), int>
        {
            [("fraud", "1.2")] = 1,
            [("fraud", "*")] = 1,
            [("chat", "2.0")] = 1,
        });
        OpenAlignmentFindings.For(open, "fraud", "1.2").Should().Be(2);
        OpenAlignmentFindings.For(open, "fraud", "1.1").Should().Be(1);
        OpenAlignmentFindings.For(open, "scoring", "1.0").Should().Be(0);
    }
}
