using Steward.Core.FinOps.Usage.Prometheus;

namespace Steward.Core.Tests.FinOps.Usage.Prometheus;

/// <summary>The parts of the Prometheus import that need no server: windows, owners, answers.</summary>
public sealed class PrometheusPartsTests
{
    private static readonly DateTime T0 = new(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Windows_are_the_whole_steps_inside_the_range_aligned_to_the_epoch_and_chunked()
    {
        // 00:07–02:59 with 1h steps: whole windows 01:00–02:00 only (00:07 rounds up, 02:59 down).
        var w = PrometheusWindows.Of(T0.AddMinutes(7), T0.AddMinutes(179), TimeSpan.FromHours(1));
        (w.Start, w.End, w.Count).Should().Be((T0.AddHours(1), T0.AddHours(2), 1L));
        // 00:00–01:00 in 5m steps, 5 windows a chunk: 12 windows → chunks of 5, 5, 2.
        var chunks = PrometheusWindows.Of(T0, T0.AddHours(1), TimeSpan.FromMinutes(5), 5).Chunks().ToList();
        chunks.Should().Equal((T0, T0.AddMinutes(25)), (T0.AddMinutes(25), T0.AddMinutes(50)), (T0.AddMinutes(50), T0.AddMinutes(60)));
        var act = () => PrometheusWindows.Of(T0, T0.AddHours(1), TimeSpan.FromSeconds(5));
        act.Should().Throw<StewardInputException>().WithMessage("--step 5s: expected whole seconds from 10s to 24h, such as 5m or 1h");
    }

    private static PrometheusSeries S(params (string, string)[] labels) => new(labels.ToDictionary(l => l.Item1, l => l.Item2), []);

    [Fact]
    public void Owners_resolve_pods_to_Deployments_CronJobs_and_direct_controllers_as_OpenCost_does()
    {
        var owners = new WorkloadOwners();
        owners.AddPodOwners(
        [
            S(("namespace", "a"), ("pod", "api-1-x"), ("owner_kind", "ReplicaSet"), ("owner_name", "api-1")),
            S(("namespace", "a"), ("pod", "bare-rs-x"), ("owner_kind", "ReplicaSet"), ("owner_name", "bare-rs")),
            S(("namespace", "a"), ("pod", "nightly-29414400-q"), ("owner_kind", "Job"), ("owner_name", "nightly-29414400")),
            S(("namespace", "a"), ("pod", "migrate-q"), ("owner_kind", "Job"), ("owner_name", "migrate")),
            S(("namespace", "a"), ("pod", "agent-q"), ("owner_kind", "DaemonSet"), ("owner_name", "agent")),
            S(("namespace", "a"), ("pod", "solo"), ("owner_kind", "<none>"), ("owner_name", "<none>")),
        ]);
        owners.AddReplicaSetOwners(
        [
            S(("namespace", "a"), ("replicaset", "api-1"), ("owner_kind", "Deployment"), ("owner_name", "api")),
            S(("namespace", "a"), ("replicaset", "bare-rs"), ("owner_kind", "<none>"), ("owner_name", "<none>")),
        ]);

        owners.Resolve("a", "api-1-x").Should().Be(("Deployment", "api"));
        owners.Resolve("a", "bare-rs-x").Should().Be(("ReplicaSet", "bare-rs"));
        owners.Resolve("a", "nightly-29414400-q").Should().Be(("CronJob", "nightly"));
        owners.Resolve("a", "migrate-q").Should().Be(("Job", "migrate"));
        owners.Resolve("a", "agent-q").Should().Be(("DaemonSet", "agent"));
        owners.Resolve("a", "solo").Should().BeNull();
        owners.Resolve("b", "api-1-x").Should().BeNull();
    }

    [Fact]
    public void Answers_parse_matrices_and_turn_error_answers_into_one_line()
    {
        var series = QueryRangeAnswer.Parse("""
            {"status":"success","data":{"resultType":"matrix","result":[{"metric":{"pod":"p"},"values":[[1793493000,"0.75"],[1793494800,"NaN"]]}]}}
            """u8, "http://p:9090", "up", 200);
        series.Single().Points.Should().HaveCount(2);
        series.Single().Points[0].Should().Be(new PrometheusPoint(1793493000, 0.75));
        double.IsNaN(series.Single().Points[1].Value).Should().BeTrue();

        var error = () => QueryRangeAnswer.Parse("""{"status":"error","errorType":"bad_data","error":"1:5: parse error:\nunexpected"}"""u8, "http://p:9090", "up(", 400);
        error.Should().Throw<StewardInputException>().WithMessage("Prometheus http://p:9090: query failed (bad_data): 1:5: parse error: unexpected; query: up(");
        var html = () => QueryRangeAnswer.Parse("<html>not found</html>"u8, "http://p:9090", "up", 404);
        html.Should().Throw<StewardInputException>().WithMessage("Prometheus http://p:9090: /api/v1/query_range answered HTTP 404 without a Prometheus JSON body*");
    }

    [Fact]
    public void The_display_URL_drops_credentials_query_and_trailing_slash()
    {
        new PrometheusConnection("https://user:secret@prom.example.com:9090/prometheus/?x=1").Display.Should().Be("https://prom.example.com:9090/prometheus");
    }
}
