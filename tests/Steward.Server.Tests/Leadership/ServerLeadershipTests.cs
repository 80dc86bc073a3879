using Microsoft.Extensions.DependencyInjection;
using Steward.Server.Leadership;
using Steward.Server.Tests.Support;
using Steward.TestSupport;

namespace Steward.Server.Tests.Leadership;

/// <summary><c>steward serve</c> with leader election: the Lease is used when a kubeconfig is given, and released on stop.</summary>
public sealed class ServerLeadershipTests
{
    [Fact]
    public async Task Serve_elects_on_the_lease_of_its_kubeconfig_and_releases_it_on_stop()
    {
        using var temp = new TempFolder();
        await using var api = await FakeLeaseApiServer.StartAsync(temp);
        var options = new ServeOptions
        {
            Repository = RepositoryPaths.InRepository("examples", "governance"),
            Store = temp["store/steward.duckdb"],
            LeaderElection = true,
            Kubeconfig = api.KubeconfigPath,
            LeaseNamespace = "steward",
            LeaseName = "steward-leader",
            Identity = "steward-0",
            LeaseTimings = new LeaseTimings(TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(2), TimeSpan.FromMilliseconds(500)),
        };
        var server = await RunningServer.StartAsync(options);
        try
        {
            server.Services.GetRequiredService<ILeadership>().Should().BeOfType<LeaseLeadership>();
            await Eventually.Until(async () => MetricsText.Parse(await server.GetTextAsync("/metrics"))["steward_leader"], v => v == 1, "steward_leader 1");
            api.Holder("steward", "steward-leader").Should().Be("steward-0");
        }
        finally
        {
            await server.DisposeAsync();
        }
        api.Writes[^1].Should().Be(new FakeLeaseApiServer.LeaseWrite("replace", "steward", "steward-leader", "", 1, 0));
    }

    [Fact]
    public async Task Without_leader_election_the_only_replica_leads()
    {
        using var temp = new TempFolder();
        await using var server = await RunningServer.StartAsync(new ServeOptions { Repository = RepositoryPaths.InRepository("examples", "governance"), Store = temp["store/steward.duckdb"] });
        server.Services.GetRequiredService<ILeadership>().Should().BeOfType<SingleReplica>();
        MetricsText.Parse(await server.GetTextAsync("/metrics"))["steward_leader"].Should().Be(1);
    }
}
