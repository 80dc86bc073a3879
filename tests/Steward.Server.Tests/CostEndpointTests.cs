using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Steward.Cli;
using Steward.TestSupport;

namespace Steward.Server.Tests;

/// <summary>
/// <c>GET /api/v1/costs/report</c> against a real server on a loopback port, over a store filled by
/// <c>steward cost import</c> of focus_sample.csv: the body is the CLI's <c>cost report --format json</c>
/// output for the same store and query, byte for byte.
/// </summary>
public sealed class CostEndpointTests : IAsyncLifetime
{
    private const string ReaderToken = "reader-token-for-the-cost-endpoint-tests";
    private const string IngestToken = "ingest-token-for-the-cost-endpoint-tests";

    private readonly TempFolder temp = new();
    private WebApplication? app;
    private HttpClient? client;

    private static string Repository => RepositoryPaths.InRepository("examples", "governance");

    private string Store => temp["store/steward.duckdb"];

    private static string Sha256(string token) => ServerTestSupport.Sha256Hex(token);

    public async ValueTask InitializeAsync()
    {
        var (exit, _, error) = await Cli("cost", "import", RepositoryPaths.InShared("data", "focus", "focus_sample.csv"), "--store", Store);
        exit.Should().Be(0, error);
        temp.Write("tokens.yaml", $"""
            - name: dashboard
              sha256: {Sha256(ReaderToken)}
              scopes: [read]
            - name: collector
              sha256: {Sha256(IngestToken)}
              scopes: [ingest]
            """);
        (app, client) = await Start(Store);
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

    private async Task<(WebApplication App, HttpClient Client)> Start(string store)
    {
        var server = StewardServer.Build(new ServeOptions { Repository = Repository, Listen = "127.0.0.1:0", Store = store, TokenFile = temp["tokens.yaml"] }, _ => { });
        await server.StartAsync(TestContext.Current.CancellationToken);
        return (server, new HttpClient { BaseAddress = new Uri(StewardServer.Addresses(server).Single()) });
    }

    private static Task<(int Code, string Out, string Error)> Cli(params string[] args) => ServerTestSupport.RunCliAsync(args);

    private static async Task<HttpResponseMessage> Get(HttpClient http, string path, string? token = ReaderToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await http.SendAsync(request, TestContext.Current.CancellationToken);
    }

    private static async Task<string> Body(HttpResponseMessage response) => await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

    private async Task<string> CliReport(params string[] args)
    {
        var (exit, output, error) = await Cli(["cost", "report", .. args, "--format", "json", "--store", Store]);
        exit.Should().Be(0, error);
        return output;
    }

    [Theory]
    [InlineData("group-by=ServiceName", new[] { "--group-by", "ServiceName" })]
    [InlineData("group-by=ProviderName,tag:environment", new[] { "--group-by", "ProviderName,tag:environment" })]
    [InlineData("group-by=ChargePeriodStart:week&currency=USD", new[] { "--group-by", "ChargePeriodStart:week", "--currency", "USD" })]
    public async Task The_report_is_the_cli_json_byte_for_byte(string query, string[] flags)
    {
        var response = await Get(client!, "/api/v1/costs/report?" + query);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        (await Body(response)).Should().Be(await CliReport(flags));
    }

    [Fact]
    public async Task An_allocation_dimension_uses_the_served_revision_as_cost_report_repo_does()
    {
        var response = await Get(client!, "/api/v1/costs/report?group-by=team");

        var body = await Body(response);
        response.StatusCode.Should().Be(HttpStatusCode.OK, body);
        body.Should().Be(await CliReport("--group-by", "team", "--repo", Repository));
        // No charge of the sample has a team tag and the store holds no container usage: all of it is
        // unallocated, the file's BilledCost total (sum of Decimal(BilledCost) over its 1,000 rows, Python).
        var rows = JsonDocument.Parse(body).RootElement.GetProperty("rows").EnumerateArray().ToList();
        rows.Should().ContainSingle();
        rows[0].GetProperty("keys").GetProperty("team").GetString().Should().Be("__unallocated__");
        rows[0].GetProperty("cost").GetDecimal().Should().Be(20.52022672899m);
    }

    [Fact]
    public async Task Metric_and_dates_filter_as_the_cli_flags()
    {
        var response = await Get(client!, "/api/v1/costs/report?group-by=ProviderName&metric=EffectiveCost&from=2024-09-10&to=2024-09-20");

        var body = await Body(response);
        response.StatusCode.Should().Be(HttpStatusCode.OK, body);
        body.Should().Be(await CliReport("--group-by", "ProviderName", "--metric", "EffectiveCost", "--from", "2024-09-10", "--to", "2024-09-20"));
        // Python over focus_sample.csv: sum(Decimal(EffectiveCost)) of the rows whose ChargePeriodStart
        // day is in 2024-09-10..2024-09-20, by ProviderName.
        var report = JsonDocument.Parse(body).RootElement;
        var costs = report.GetProperty("rows").EnumerateArray().ToDictionary(
            r => r.GetProperty("keys").GetProperty("ProviderName").GetString()!, r => r.GetProperty("cost").GetDecimal());
        costs["AWS"].Should().Be(5.00000000000m);
        costs["Microsoft"].Should().Be(1.74939578272m);
        report.GetProperty("total").GetDecimal().Should().Be(6.74939578272m);
        report.GetProperty("metric").GetString().Should().Be("EffectiveCost");
        report.GetProperty("from").GetString().Should().Be("2024-09-10");
        report.GetProperty("to").GetString().Should().Be("2024-09-20");
    }

    [Fact]
    public async Task Concurrent_requests_read_the_same_store_and_get_the_same_answer()
    {
        var expected = await CliReport("--group-by", "ServiceName");

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Get(client!, "/api/v1/costs/report?group-by=ServiceName")));

        foreach (var response in responses)
        {
            response.StatusCode.Should().Be(HttpStatusCode.OK);
            (await Body(response)).Should().Be(expected);
        }
    }

    [Fact]
    public async Task Without_a_valid_token_401_and_without_the_read_scope_403()
    {
        var none = await Get(client!, "/api/v1/costs/report?group-by=ServiceName", token: null);
        var wrong = await Get(client!, "/api/v1/costs/report?group-by=ServiceName", token: "not-a-token");
        var ingestOnly = await Get(client!, "/api/v1/costs/report?group-by=ServiceName", token: IngestToken);

        none.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        none.Headers.WwwAuthenticate.ToString().Should().StartWith("Bearer");
        wrong.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        ingestOnly.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await Body(ingestOnly)).Should().Contain("collector").And.Contain("read");
    }

    [Theory]
    [InlineData("group-by=NoSuchColumn", "group-by", "unknown dimension 'NoSuchColumn'")]
    [InlineData("group-by=ServiceName,ServiceName", "group-by", "given twice")]
    [InlineData("", "group-by", "required")]
    [InlineData("group-by=ServiceName&from=2024-13-01", "from", "'2024-13-01' is not a date")]
    [InlineData("group-by=ServiceName&to=yesterday", "to", "'yesterday' is not a date")]
    [InlineData("group-by=ServiceName&metric=Cost", "metric", "unknown metric 'Cost'")]
    [InlineData("group-by=ServiceName&groupby=team", "groupby", "unknown query parameter groupby")]
    [InlineData("group-by=ServiceName&group-by=RegionId", "group-by", "once")]
    public async Task A_bad_query_parameter_is_a_400_problem_naming_it(string query, string parameter, string detail)
    {
        var response = await Get(client!, "/api/v1/costs/report?" + query);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var problem = JsonDocument.Parse(await Body(response)).RootElement;
        problem.GetProperty("status").GetInt32().Should().Be(400);
        problem.GetProperty("parameter").GetString().Should().Be(parameter);
        problem.GetProperty("detail").GetString().Should().Contain(detail).And.NotContain("--");
    }

    [Fact]
    public async Task Without_a_store_404_with_what_to_do_and_no_store_is_created()
    {
        var missing = temp["empty/steward.duckdb"];
        var (server, http) = await Start(missing);
        try
        {
            var response = await Get(http, "/api/v1/costs/report?group-by=ServiceName");

            response.StatusCode.Should().Be(HttpStatusCode.NotFound);
            var problem = JsonDocument.Parse(await Body(response)).RootElement;
            problem.GetProperty("detail").GetString().Should().Contain("import a FOCUS export");
            File.Exists(missing).Should().BeFalse();
        }
        finally
        {
            http.Dispose();
            await server.StopAsync(TestContext.Current.CancellationToken);
            await server.DisposeAsync();
        }
    }
}
