using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Steward.TestSupport;

namespace Steward.Server.Tests;

/// <summary>
/// <c>GET /api/v1/costs/tokens</c> against a real server on a loopback port, serving examples/llm-economics/repo over a
/// store filled by the CLI with that example's usage, inference log and FOCUS token charges: the body is the CLI's
/// <c>cost tokens --format json</c> output for the same repository and store, byte for byte (its figures are asserted
/// against examples/llm-economics/expected.py in TokenEconomicsTests); query errors are 400s naming the parameter.
/// </summary>
public sealed class TokenCostEndpointTests : IAsyncLifetime
{
    private const string ReaderToken = "reader-token-for-the-token-cost-endpoint";

    private static readonly string Example = RepositoryPaths.InRepository("examples", "llm-economics");

    private readonly TempFolder temp = new();
    private WebApplication? app;
    private HttpClient? client;

    private static string Repository => Path.Combine(Example, "repo");

    private string Store => temp["store/steward.duckdb"];

    public async ValueTask InitializeAsync()
    {
        foreach (var args in new[]
        {
            new[] { "cost", "import-usage", Path.Combine(Example, "usage.csv") },
            ["ingest", "inferences", "--model", "chat", "--version", "2.0", Path.Combine(Example, "chat.csv")],
            ["cost", "import", Path.Combine(Example, "focus-ai-tokens.csv")],
        })
        {
            var (exit, _, error) = await ServerTestSupport.RunCliAsync([.. args, "--store", Store]);
            exit.Should().Be(0, error);
        }
        temp.Write("tokens.yaml", $"- name: dashboard\n  sha256: {ServerTestSupport.Sha256Hex(ReaderToken)}\n  scopes: [read]\n");
        app = StewardServer.Build(new ServeOptions { Repository = Repository, Listen = "127.0.0.1:0", Store = Store, TokenFile = temp["tokens.yaml"] }, _ => { });
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

    private async Task<(HttpStatusCode Status, string Body)> Get(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ReaderToken);
        using var response = await client!.SendAsync(request, TestContext.Current.CancellationToken);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData("", new string[0])]
    [InlineData("?from=2026-11-01&to=2026-11-01&metric=EffectiveCost", new[] { "--from", "2026-11-01", "--to", "2026-11-01", "--metric", "EffectiveCost" })]
    public async Task Answers_the_json_of_cost_tokens_for_the_served_revision_byte_for_byte(string query, string[] flags)
    {
        var (exit, cli, error) = await ServerTestSupport.RunCliAsync(["cost", "tokens", Repository, .. flags, "--format", "json", "--store", Store]);
        exit.Should().Be(0, error);
        cli.Should().Contain("\"cost-per-token\"", "the example's self-hosted chat 2.0 costs more per token than it declares");

        var (status, body) = await Get("/api/v1/costs/tokens" + query);

        status.Should().Be(HttpStatusCode.OK, body);
        body.Should().Be(cli);
    }

    [Theory]
    [InlineData("?group-by=team", "group-by")]
    [InlineData("?from=2026-13-01", "from")]
    [InlineData("?metric=Tags", "metric")]
    public async Task A_bad_query_is_a_400_naming_the_parameter(string query, string parameter)
    {
        var (status, body) = await Get("/api/v1/costs/tokens" + query);

        status.Should().Be(HttpStatusCode.BadRequest, body);
        JsonDocument.Parse(body).RootElement.GetProperty("parameter").GetString().Should().Be(parameter);
    }
}
