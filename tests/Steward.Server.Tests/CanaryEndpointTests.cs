using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Steward.TestSupport;

namespace Steward.Server.Tests;

/// <summary>
/// <c>POST /api/v1/canary/judge</c> on a real server (loopback port): the body carries the samples and
/// config of examples/canary; the answer is <c>steward canary judge --format json</c>'s output, byte for
/// byte, 200 whatever the verdict; bad input is 400 naming the field and line; scope read.
/// </summary>
public sealed class CanaryEndpointTests : IAsyncLifetime
{
    private const string ReaderToken = "reader-token-for-the-canary-endpoint-tests";

    private readonly TempFolder temp = new();
    private WebApplication? app;
    private HttpClient? client;

    private static string Example(string file) => RepositoryPaths.InRepository("examples", "canary", file);

    public async ValueTask InitializeAsync()
    {
        temp.Write("tokens.yaml", $"""
            - name: argo-rollouts
              sha256: {ServerTestSupport.Sha256Hex(ReaderToken)}
              scopes: [read]
            """);
        app = StewardServer.Build(new ServeOptions
        {
            Repository = RepositoryPaths.InRepository("examples", "governance"),
            Listen = "127.0.0.1:0",
            Store = temp["store/steward.duckdb"],
            TokenFile = temp["tokens.yaml"],
        }, _ => { });
        await app.StartAsync(TestContext.Current.CancellationToken);
        client = new HttpClient { BaseAddress = new Uri(StewardServer.Addresses(app).Single()) };
    }

    public async ValueTask DisposeAsync()
    {
        client?.Dispose();
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
        temp.Dispose();
    }

    private async Task<HttpResponseMessage> Post(JsonObject body, string? token = ReaderToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/canary/judge")
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await client!.SendAsync(request, TestContext.Current.CancellationToken);
    }

    private static JsonObject Body(string canary) => new()
    {
        ["baseline"] = File.ReadAllText(Example("baseline.csv")),
        ["canary"] = File.ReadAllText(Example(canary)),
        ["config"] = File.ReadAllText(Example("canary.yaml")),
    };

    private static async Task<string> Text(HttpResponseMessage response) =>
        await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

    [Fact]
    public async Task A_failed_canary_is_200_with_the_cli_json_byte_for_byte()
    {
        var response = await Post(Body("canary-slow.csv"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        var (code, cli, error) = await ServerTestSupport.RunCliAsync("canary", "judge", "--baseline", Example("baseline.csv"),
            "--canary", Example("canary-slow.csv"), "--config", Example("canary.yaml"), "--format", "json");
        code.Should().Be(1, error);
        (await Text(response)).Should().Be(cli);
        using var json = JsonDocument.Parse(cli);
        json.RootElement.GetProperty("verdict").GetString().Should().Be("Failed");
    }

    [Fact]
    public async Task The_config_may_be_a_json_object()
    {
        var body = Body("canary-good.csv");
        body["config"] = JsonNode.Parse("""{"metrics": [{"name": "latency_p95_ms", "direction": "increase", "group": "latency"}], "thresholds": {"pass": 90, "marginal": 50}}""");
        var response = await Post(body);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        using var json = JsonDocument.Parse(await Text(response));
        json.RootElement.GetProperty("verdict").GetString().Should().Be("Successful");
        json.RootElement.GetProperty("metrics").GetArrayLength().Should().Be(1);
    }

    [Fact]
    public async Task A_bad_sample_row_is_400_naming_the_field_and_line()
    {
        var body = Body("canary-slow.csv");
        body["canary"] = "metric,value\nlatency_p95_ms,fast\n";
        var response = await Post(body);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        using var json = JsonDocument.Parse(await Text(response));
        json.RootElement.GetProperty("detail").GetString().Should().Be("canary:2: value: \"fast\" is not a number");
    }

    [Fact]
    public async Task A_missing_field_is_400()
    {
        var body = Body("canary-slow.csv");
        body.Remove("config");
        var response = await Post(body);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        using var json = JsonDocument.Parse(await Text(response));
        json.RootElement.GetProperty("detail").GetString().Should().Be("body: config: required field is missing");
    }

    [Fact]
    public async Task Without_a_token_it_is_401()
    {
        var response = await Post(Body("canary-slow.csv"), token: null);
        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_body_naming_a_model_judges_the_servers_inference_log_as_the_cli_does()
    {
        var store = temp["store/steward.duckdb"];
        foreach (var version in new[] { "1.0.0", "1.1.0" })
        {
            var (ingested, _, ingestError) = await ServerTestSupport.RunCliAsync("ingest", "inferences", "--model", "scoring", "--version", version,
                RepositoryPaths.InRepository("examples", "canary", "inference-logs", $"scoring-{version}.csv"), "--store", store);
            ingested.Should().Be(0, ingestError);
        }
        var body = new JsonObject
        {
            ["model"] = "scoring",
            ["baselineVersion"] = "1.0.0",
            ["canaryVersion"] = "1.1.0",
            ["since"] = "2026-12-01T10:00:00Z",
            ["until"] = "2026-12-01T10:10:00Z",
            ["driftColumn"] = "score",
            ["config"] = File.ReadAllText(Example("inference-canary.yaml")),
        };

        var response = await Post(body);

        response.StatusCode.Should().Be(HttpStatusCode.OK, await Text(response));
        var (code, cli, error) = await ServerTestSupport.RunCliAsync("canary", "judge", "--store", store, "--model", "scoring",
            "--baseline-version", "1.0.0", "--canary-version", "1.1.0", "--since", "2026-12-01T10:00:00Z", "--until", "2026-12-01T10:10:00Z",
            "--drift-column", "score", "--config", Example("inference-canary.yaml"), "--format", "json");
        code.Should().Be(1, error);
        (await Text(response)).Should().Be(cli);
        using var json = JsonDocument.Parse(cli);
        // Latency and drift High (CanaryStoreCommandTests pins the figures); fairness without its columns has no data.
        json.RootElement.GetProperty("verdict").GetString().Should().Be("Failed");

        body["since"] = "soon";
        var bad = await Post(body);
        bad.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await Text(bad)).Should().Contain("'soon' is not a date");
    }
}
