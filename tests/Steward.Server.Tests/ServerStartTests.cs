using System.Net;
using Steward.Server;
using Steward.TestSupport;

namespace Steward.Server.Tests;

public sealed class ServerStartTests
{
    [Fact]
    public async Task Serves_healthz_and_readyz_on_a_loopback_port()
    {
        await using var app = StewardServer.Build(new ServeOptions { Repository = RepositoryPaths.InRepository("examples", "governance"), Listen = "127.0.0.1:0" }, _ => { });
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = StewardServer.Addresses(app).Single();
        using var client = new HttpClient { BaseAddress = new Uri(address) };

        var health = await client.GetAsync("/healthz", TestContext.Current.CancellationToken);
        health.StatusCode.Should().Be(HttpStatusCode.OK);
        var ready = await client.GetAsync("/readyz", TestContext.Current.CancellationToken);
        ready.StatusCode.Should().Be(HttpStatusCode.OK);
        (await ready.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Should().StartWith("ok: revision ");
        await app.StopAsync(TestContext.Current.CancellationToken);
    }
}
