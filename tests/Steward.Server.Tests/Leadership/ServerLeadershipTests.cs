using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Steward.Server.Leadership;
using Steward.Server.Tests.Support;
using Steward.TestSupport;

namespace Steward.Server.Tests.Leadership;

/// <summary><c>steward serve</c> with leader election: the Lease is used when a kubeconfig is given, and released on stop.</summary>
public sealed class ServerLeadershipTests
{
    private static CancellationToken Test => TestContext.Current.CancellationToken;

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
        var lines = new List<string>();
        var app = StewardServer.Build(options with { Listen = "127.0.0.1:0" }, logging => logging.AddProvider(new ListLoggerProvider(lines)));
        try
        {
            await app.StartAsync(Test);
            using var client = new HttpClient { BaseAddress = new Uri(StewardServer.Addresses(app).Single()) };
            app.Services.GetRequiredService<ILeadership>().Should().BeOfType<LeaseLeadership>();
            await Eventually.Until(async () => MetricsText.Parse(await client.GetStringAsync("/metrics", Test))["steward_leader"], v => v == 1, "steward_leader 1");
            api.Holder("steward", "steward-leader").Should().Be("steward-0");
            await app.StopAsync(Test);
        }
        finally
        {
            await app.DisposeAsync();
        }
        api.Writes[^1].Should().Be(new FakeLeaseApiServer.LeaseWrite("replace", "steward", "steward-leader", "", 1, 0));
        lock (lines)
        {
            lines.Should().Contain("Information Leader election on Lease steward/steward-leader as steward-0 (lease 3s, renew deadline 2s, retry 0.5s)");
            lines.Should().Contain("Information Leading: steward-0 holds Lease steward/steward-leader; this replica runs the control loop");
            lines.Should().Contain("Information Released Lease steward/steward-leader: another replica leads within 0.5s");
            lines.Should().NotContain(l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains("Lease", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Without_leader_election_the_only_replica_leads()
    {
        using var temp = new TempFolder();
        await using var server = await RunningServer.StartAsync(new ServeOptions { Repository = RepositoryPaths.InRepository("examples", "governance"), Store = temp["store/steward.duckdb"] });
        server.Services.GetRequiredService<ILeadership>().Should().BeOfType<SingleReplica>();
        MetricsText.Parse(await server.GetTextAsync("/metrics"))["steward_leader"].Should().Be(1);
    }

    [Fact]
    public async Task Leader_election_without_any_kubernetes_configuration_runs_as_the_only_replica_and_warns()
    {
        if (KubernetesConfiguration.Find(null, null) is not null) return; // this machine has a kubeconfig or is a pod: not this case
        using var temp = new TempFolder();
        var lines = new List<string>();
        await using var app = StewardServer.Build(new ServeOptions
        {
            Repository = RepositoryPaths.InRepository("examples", "governance"),
            Listen = "127.0.0.1:0",
            Store = temp["store/steward.duckdb"],
            LeaderElection = true,
        }, logging => logging.AddProvider(new ListLoggerProvider(lines)));
        app.Services.GetRequiredService<ILeadership>().Should().BeOfType<SingleReplica>();
        lock (lines)
            lines.Should().ContainSingle(l => l.StartsWith("Warning Leader election is on but no Kubernetes configuration was found", StringComparison.Ordinal)
                && l.Contains("--no-leader-election", StringComparison.Ordinal));
    }

    private sealed class ListLoggerProvider(List<string> lines) : Microsoft.Extensions.Logging.ILoggerProvider
    {
        public Microsoft.Extensions.Logging.ILogger CreateLogger(string categoryName) => new ListLogger(lines);

        public void Dispose()
        {
        }

        private sealed class ListLogger(List<string> lines) : Microsoft.Extensions.Logging.ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => true;

            public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                lock (lines) lines.Add($"{logLevel} {formatter(state, exception)}");
            }
        }
    }
}
