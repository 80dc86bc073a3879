using AwesomeAssertions;
using Microsoft.Extensions.DependencyInjection;
using Steward.Server.Dashboard;
using Steward.Server.Revisions;
using Steward.Server.Tests.Support;
using Steward.TestSupport;

namespace Steward.Server.Tests.Dashboard;

public class DashboardWarmerTests
{
    [Fact]
    public async Task A_served_revision_has_its_findings_computed_before_anyone_opens_a_page()
    {
        using var temp = new TempFolder();
        await using var server = await RunningServer.StartAsync(new ServeOptions
        {
            Repository = RepositoryPaths.InRepository("examples", "governance"),
            Store = temp["store/steward.duckdb"],
        });
        var data = server.Services.GetRequiredService<DashboardData>();
        var revision = server.Services.GetRequiredService<RevisionHolder>().Current!;

        // No request was made: only the warmer can have filled the cache.
        var cached = await Eventually.Until(() => Task.FromResult(data.IsCached(revision, "findings")), c => c, "the warmed findings of the served revision");

        cached.Should().BeTrue();
    }
}
