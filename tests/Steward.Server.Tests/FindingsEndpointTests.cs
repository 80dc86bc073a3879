using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Steward.Cli;
using Steward.Core.Storage;
using Steward.Server;
using Steward.TestSupport;

namespace Steward.Server.Tests;

/// <summary>
/// GET /api/v1/findings against the in-process server on a loopback port, with a real HTTP client and a
/// token file written here: the body is byte for byte what `steward check --format json` prints for the
/// same repository (and, with the server's store, `check --store`); 401 without a token, 403 with a
/// token that may only ingest.
/// </summary>
public sealed class FindingsEndpointTests
{
    private const string ReadToken = "read-token-5f1c";
    private const string IngestToken = "ingest-token-93ab";

    private static readonly string Example = RepositoryPaths.InRepository("examples", "governance");

    [Fact]
    public async Task Answers_the_check_json_of_the_served_revision_and_refuses_callers_without_the_read_scope()
    {
        using var folder = new TempFolder();
        var cli = await Cli("check", Example, "--format", "json");
        cli.Code.Should().Be(0, "the example has no error finding");
        // Paths are reported from the root of the Git work tree, wherever the server was started.
        cli.Out.Should().Contain("\"file\": \"examples/governance/manifests/");

        await using var app = await Start(folder, store: folder["no-store/steward.duckdb"]);
        using var client = Client(app);

        using var answer = await Get(client, ReadToken);
        answer.StatusCode.Should().Be(HttpStatusCode.OK);
        answer.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        (await answer.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Should().Be(cli.Out);
        // The second request is answered from the check of the same revision: the same bytes.
        using var again = await Get(client, ReadToken);
        (await again.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Should().Be(cli.Out);

        using var anonymous = await Get(client, token: null);
        anonymous.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        anonymous.Headers.WwwAuthenticate.Should().ContainSingle(h => h.Scheme == "Bearer");
        using var wrong = await Get(client, "not-a-token");
        wrong.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        using var ingestOnly = await Get(client, IngestToken);
        ingestOnly.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await ingestOnly.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Should().Contain("lacks the scope read");
        File.Exists(folder["no-store/steward.duckdb"]).Should().BeFalse("reading findings never creates a store");
        await app.StopAsync(TestContext.Current.CancellationToken);
    }

    [Theory, MemberData(nameof(TestStores.Engines), MemberType = typeof(TestStores))]
    public async Task Adds_the_open_monitor_breaches_of_the_servers_store_as_check_store_does(StoreEngine engine)
    {
        // On both engines: a PostgreSQL store has no file, and its breaches are read all the same.
        using var folder = new TempFolder();
        using var created = TestStore.Create(engine);
        var store = created.Address;
        (await Cli("ingest", "inferences", "--model", "credit-scoring", "--version", "1.3.0",
            RepositoryPaths.InRepository("examples", "inference-logs", "credit-scoring.csv"), "--store", store)).Code.Should().Be(0);
        (await Cli("monitor", "run", Example, "--store", store, "--format", "json")).Code.Should().Be(1);
        var cli = await Cli("check", Example, "--store", store, "--format", "json");
        cli.Code.Should().Be(1);
        // The three breaches of credit-scoring 1.3.0's latest window (tests/Steward.Cli.Tests/GitOps/MonitorRemediationTests.cs).
        using (var json = JsonDocument.Parse(cli.Out))
        {
            json.RootElement.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("ruleId").GetString())
                .Where(r => r!.StartsWith("monitor/", StringComparison.Ordinal))
                .Should().Equal("monitor/accuracy", "monitor/demographic_parity_ratio", "monitor/drift_share");
        }

        await using var app = await Start(folder, store);
        using var client = Client(app);
        using var answer = await Get(client, ReadToken);
        answer.StatusCode.Should().Be(HttpStatusCode.OK);
        (await answer.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Should().Be(cli.Out);
        await app.StopAsync(TestContext.Current.CancellationToken);
    }

    private static async Task<Microsoft.AspNetCore.Builder.WebApplication> Start(TempFolder folder, string store)
    {
        // Only the hashes are in the file, as an operator writes it with `printf %s TOKEN | sha256sum`.
        var tokens = folder.Write("tokens.yaml",
            $"- name: dashboard\n  sha256: {Sha256Hex(ReadToken)}\n  scopes: [read]\n" +
            $"- name: collector\n  sha256: {Sha256Hex(IngestToken)}\n  scopes: [ingest]\n");
        var app = StewardServer.Build(new ServeOptions { Repository = Example, Listen = "127.0.0.1:0", TokenFile = tokens, Store = store }, _ => { });
        await app.StartAsync(TestContext.Current.CancellationToken);
        return app;
    }

    private static HttpClient Client(Microsoft.AspNetCore.Builder.WebApplication app) =>
        new() { BaseAddress = new Uri(StewardServer.Addresses(app).Single()) };

    private static Task<HttpResponseMessage> Get(HttpClient client, string? token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/findings");
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    private static string Sha256Hex(string token) => ServerTestSupport.Sha256Hex(token);

    private static async Task<(int Code, string Out)> Cli(params string[] args)
    {
        var (code, output, _) = await ServerTestSupport.RunCliAsync(args);
        return (code, output);
    }
}
