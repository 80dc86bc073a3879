using Microsoft.Extensions.Logging.Abstractions;
using Steward.Server.Leadership;
using Steward.Server.Metrics;
using Steward.Server.Tests.Support;
using Steward.TestSupport;

namespace Steward.Server.Tests.Leadership;

/// <summary>
/// Leader election between replicas on a Lease served by <see cref="FakeLeaseApiServer"/>. Waits are
/// bounded only to detect hangs; the release test uses a lease far longer than its bound, so that a
/// takeover within the bound can only come from the release, not from the lease expiring.
/// </summary>
public sealed class LeaseLeadershipTests
{
    private const string Namespace = "steward";
    private const string Name = "steward-leader";

    /// <summary>Short, so that a Lease left held expires within the test (3 s / 2 s / 0.5 s).</summary>
    private static readonly LeaseTimings Short = new(TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(2), TimeSpan.FromMilliseconds(500));

    /// <summary>A lease of 120 s: only a release lets the other replica lead within <see cref="ReleaseBound"/>.</summary>
    private static readonly LeaseTimings Long = new(TimeSpan.FromSeconds(120), TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(500));

    private static readonly TimeSpan ReleaseBound = TimeSpan.FromSeconds(60);

    private static CancellationToken Test => TestContext.Current.CancellationToken;

    private static LeaseLeadership Replica(FakeLeaseApiServer api, string identity, LeaseTimings timings, ServerMetrics? metrics = null)
    {
        var config = KubernetesConfiguration.Find(api.KubeconfigPath, null, _ => null, "")!;
        var leadershipMetrics = new LeadershipMetrics(metrics ?? new ServerMetrics());
        var replica = new LeaseLeadership(new k8s.Kubernetes(config), Namespace, Name, identity, timings, leadershipMetrics, NullLogger.Instance);
        leadershipMetrics.Observe(replica);
        return replica;
    }

    private static async Task<(LeaseLeadership Leader, LeaseLeadership Follower)> ElectedAsync(LeaseLeadership a, LeaseLeadership b)
    {
        await Eventually.Until(() => Task.FromResult(a.IsLeader || b.IsLeader), led => led, "a leader elected");
        return a.IsLeader ? (a, b) : (b, a);
    }

    [Fact]
    public async Task Two_replicas_elect_exactly_one_leader()
    {
        using var temp = new TempFolder();
        await using var api = await FakeLeaseApiServer.StartAsync(temp);
        var metricsA = new ServerMetrics();
        var metricsB = new ServerMetrics();
        // A long lease: a renewal slowed by a loaded machine cannot make the leader step down mid-test.
        using var a = Replica(api, "pod-a", Long, metricsA);
        using var b = Replica(api, "pod-b", Long, metricsB);
        await a.StartAsync(Test);
        await b.StartAsync(Test);

        var (leader, follower) = await ElectedAsync(a, b);
        var term = await leader.AcquireAsync(Test);
        var waiting = follower.AcquireAsync(Test);
        // Sampled over several renewals (a retry period is 0.5 s): always exactly one.
        for (var i = 0; i < 20; i++)
        {
            (a.IsLeader ^ b.IsLeader).Should().BeTrue("exactly one replica leads at sample {0}", i);
            await Task.Delay(150, Test);
        }
        api.Holder(Namespace, Name).Should().Be(leader.Identity);
        leader.IsLeader.Should().BeTrue();
        term.IsCancellationRequested.Should().BeFalse();
        waiting.IsCompleted.Should().BeFalse("the follower does not lead while the leader renews");
        api.Writes[0].Should().Be(new FakeLeaseApiServer.LeaseWrite("create", Namespace, Name, leader.Identity, 120, 0));
        // Renewed while sampled (every 0.5 s), by the leader only.
        api.Writes.Count.Should().BeGreaterThan(1);
        api.Writes.Should().OnlyContain(w => w.Holder == leader.Identity);

        var leaderMetrics = leader == a ? metricsA : metricsB;
        var samples = MetricsText.Parse(await Scrape(leaderMetrics));
        samples["steward_leader"].Should().Be(1);
        samples["steward_leader_transitions_total{transition=\"acquired\"}"].Should().Be(1);
        MetricsText.Parse(await Scrape(leader == a ? metricsB : metricsA))["steward_leader"].Should().Be(0);

        await a.StopAsync(Test);
        await b.StopAsync(Test);
    }

    [Fact]
    public async Task A_leader_stopped_gracefully_releases_the_lease_and_the_other_leads()
    {
        using var temp = new TempFolder();
        await using var api = await FakeLeaseApiServer.StartAsync(temp);
        var metricsA = new ServerMetrics();
        var metricsB = new ServerMetrics();
        using var a = Replica(api, "pod-a", Long, metricsA);
        using var b = Replica(api, "pod-b", Long, metricsB);
        await a.StartAsync(Test);
        await b.StartAsync(Test);
        var (leader, follower) = await ElectedAsync(a, b);
        var term = await leader.AcquireAsync(Test);
        var waiting = follower.AcquireAsync(Test);

        await leader.StopAsync(Test);

        term.IsCancellationRequested.Should().BeTrue("the loop is told to stop when leadership ends");
        leader.IsLeader.Should().BeFalse();
        var followerTerm = await waiting.WaitAsync(ReleaseBound, Test);
        followerTerm.IsCancellationRequested.Should().BeFalse();
        follower.IsLeader.Should().BeTrue();
        api.Holder(Namespace, Name).Should().Be(follower.Identity);

        // The Lease's history: created by the leader (transitions 0), released as client-go does (holder
        // empty, 1 s, transitions kept), then taken by the follower (transitions 0 + 1 = 1).
        var writes = api.Writes;
        var release = writes.ToList().FindIndex(w => w.Holder == "");
        release.Should().BeGreaterThan(0);
        writes[release].Should().Be(new FakeLeaseApiServer.LeaseWrite("replace", Namespace, Name, "", 1, 0));
        writes[0].Should().Be(new FakeLeaseApiServer.LeaseWrite("create", Namespace, Name, leader.Identity, 120, 0));
        writes.Skip(release + 1).First().Should().Be(new FakeLeaseApiServer.LeaseWrite("replace", Namespace, Name, follower.Identity, 120, 1));
        writes.Take(release).Should().OnlyContain(w => w.Holder == leader.Identity);

        var leaderSamples = MetricsText.Parse(await Scrape(leader == a ? metricsA : metricsB));
        leaderSamples["steward_leader_transitions_total{transition=\"released\"}"].Should().Be(1);
        leaderSamples["steward_leader_transitions_total{transition=\"lost\"}"].Should().Be(0);
        await follower.StopAsync(Test);
    }

    [Fact]
    public async Task A_leader_killed_without_release_is_replaced_once_its_lease_expires()
    {
        using var temp = new TempFolder();
        await using var api = await FakeLeaseApiServer.StartAsync(temp);
        using var a = Replica(api, "pod-a", Short);
        using var b = Replica(api, "pod-b", Short);
        await a.StartAsync(Test);
        await b.StartAsync(Test);
        var (leader, follower) = await ElectedAsync(a, b);
        var waiting = follower.AcquireAsync(Test);

        await leader.StopAsync(release: false, Test);

        await waiting.WaitAsync(Eventually.Deadline, Test);
        follower.IsLeader.Should().BeTrue();
        api.Holder(Namespace, Name).Should().Be(follower.Identity);
        var writes = api.Writes;
        writes.Should().NotContain(w => w.Holder == "", "a killed replica writes nothing");
        var takeover = writes.ToList().FindIndex(w => w.Holder == follower.Identity);
        writes.Take(takeover).Should().OnlyContain(w => w.Holder == leader.Identity);
        writes[takeover].LeaseTransitions.Should().Be(1);
        await follower.StopAsync(Test);
    }

    [Fact]
    public async Task A_replica_stopped_while_following_gives_nothing_up()
    {
        using var temp = new TempFolder();
        await using var api = await FakeLeaseApiServer.StartAsync(temp);
        using var a = Replica(api, "pod-a", Long);
        using var b = Replica(api, "pod-b", Long);
        await a.StartAsync(Test);
        await b.StartAsync(Test);
        var (leader, follower) = await ElectedAsync(a, b);
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(Test);
        var waiting = follower.AcquireAsync(stopping.Token);

        await follower.StopAsync(Test);
        await stopping.CancelAsync();

        await FluentActions.Awaiting(() => waiting).Should().ThrowAsync<OperationCanceledException>();
        api.Writes.Should().NotContain(w => w.Holder == "" || w.Holder == follower.Identity);
        leader.IsLeader.Should().BeTrue();
        await leader.StopAsync(Test);
    }

    [Fact]
    public async Task A_replica_refused_by_rbac_counts_errors_and_never_leads()
    {
        using var temp = new TempFolder();
        await using var api = await FakeLeaseApiServer.StartAsync(temp);
        api.Forbidden.Add("create");
        var metrics = new ServerMetrics();
        using var replica = Replica(api, "pod-a", Short, metrics);
        await replica.StartAsync(Test);

        // The Lease is absent (GET 404) and creating it is forbidden: an error at every retry, never a leader.
        var errors = await Eventually.Until(async () => MetricsText.Parse(await Scrape(metrics))["steward_leader_election_errors_total"], n => n >= 2, "two election errors");
        errors.Should().BeGreaterThanOrEqualTo(2);
        replica.IsLeader.Should().BeFalse();
        api.Writes.Should().BeEmpty();
        await replica.StopAsync(Test);
    }

    private static async Task<string> Scrape(ServerMetrics metrics)
    {
        using var stream = new MemoryStream();
        await metrics.Registry.CollectAndExportAsTextAsync(stream, Test);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}
