using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Steward.TestSupport;

namespace Steward.Server.Tests;

/// <summary>
/// <c>POST /api/v1/analyze/importance</c> on a real server (loopback port): the body carries the reference
/// and current samples of <see cref="AttributionData"/> as CSV text (the data of the CLI's
/// AnalyzeImportanceCommandTests); the answer is <c>steward analyze importance --format json</c>'s output on
/// the same data written to files, byte for byte once the CLI's file paths are read as the field names the
/// server gives the windows; bad input is 400 naming the field; over the limit 413; scope read.
/// </summary>
public sealed class ImportanceEndpointTests : IAsyncLifetime
{
    private const string ReaderToken = "reader-token-for-the-importance-endpoint-tests";

    private readonly TempFolder temp = new();
    private WebApplication? app;
    private HttpClient? client;

    public async ValueTask InitializeAsync()
    {
        temp.Write("tokens.yaml", $"""
            - name: pipeline
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

    private static readonly string ReferenceCsv = AttributionData.Csv(AttributionData.Reference());

    private static string DayCsv(int day) => AttributionData.Csv(AttributionData.Day(day));

    private static JsonObject Body(int day) => new()
    {
        ["reference"] = ReferenceCsv,
        ["current"] = DayCsv(day),
        ["score"] = "score",
        ["label"] = "label",
        ["maxL1"] = 0.3,
        ["minRankCorrelation"] = 0.8,
    };

    private async Task<HttpResponseMessage> Post(string body, string? token = ReaderToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/analyze/importance")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await client!.SendAsync(request, TestContext.Current.CancellationToken);
    }

    private Task<HttpResponseMessage> Post(JsonObject body, string? token = ReaderToken) => Post(body.ToJsonString(), token);

    private static async Task<string> Text(HttpResponseMessage response) =>
        await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

    private static async Task<string> Detail(HttpResponseMessage response)
    {
        using var json = JsonDocument.Parse(await Text(response));
        return json.RootElement.GetProperty("detail").GetString()!;
    }

    /// <summary>The CLI's JSON with each file path (as JSON strings) replaced by the name the server gives that sample; each path must occur exactly once.</summary>
    private static string Renamed(string cli, string referencePath, string currentPath)
    {
        foreach (var (path, name) in new[] { (referencePath, "reference"), (currentPath, "current") })
        {
            var quoted = JsonSerializer.Serialize(path);
            cli.Split(quoted).Length.Should().Be(2, $"the CLI names the sample {path} once");
            cli = cli.Replace(quoted, JsonSerializer.Serialize(name), StringComparison.Ordinal);
        }
        return cli;
    }

    [Fact]
    public async Task Outcomes_that_follow_another_feature_are_200_with_the_cli_json_and_the_figures_of_the_cli_tests()
    {
        var response = await Post(Body(3));

        response.StatusCode.Should().Be(HttpStatusCode.OK, await Text(response));
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        var served = await Text(response);
        var (referencePath, currentPath) = (temp.Write("reference.csv", ReferenceCsv), temp.Write("day3.csv", DayCsv(3)));
        var (code, cli, error) = await ServerTestSupport.RunCliAsync("analyze", "importance", "--reference", referencePath, "--current", currentPath,
            "--score", "score", "--label", "label", "--max-l1", "0.3", "--min-rank-correlation", "0.8", "--format", "json");
        code.Should().Be(1, error);
        served.Should().Be(Renamed(cli, referencePath, currentPath));

        // The figures AnalyzeImportanceCommandTests asserts on the same data: 1,500 reference rows split 70/30
        // (1,050 train the surrogate, 450 measure the reference), 600 current rows, x1 > x2 > x3 in the
        // reference, x2 above x1 once the outcomes follow x2, and an L1 past 0.3 (breached).
        using var json = JsonDocument.Parse(served);
        var root = json.RootElement;
        root.GetProperty("breached").GetBoolean().Should().BeTrue();
        var reference = root.GetProperty("reference");
        reference.GetProperty("name").GetString().Should().Be("reference");
        reference.GetProperty("trainingRows").GetInt32().Should().Be(1050);
        reference.GetProperty("rows").GetInt32().Should().Be(450);
        reference.GetProperty("fidelity").GetDouble().Should().BeGreaterThan(0.9);
        reference.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("name").GetString()).Should().Equal("x1", "x2", "x3");
        var window = root.GetProperty("windows").EnumerateArray().Single();
        window.GetProperty("name").GetString().Should().Be("current");
        window.GetProperty("rows").GetInt32().Should().Be(600);
        window.GetProperty("breached").GetBoolean().Should().BeTrue();
        var referenceImportances = Importances(reference);
        var currentImportances = Importances(window);
        currentImportances[1].Should().BeGreaterThan(currentImportances[0], "x2 now explains the outcomes");

        // The drift recomputed here from the served importances (x1, x2, x3 in that order): half the L1 distance
        // between the positive parts as shares, and Spearman's rho of the ranks (three distinct values each).
        var p = Shares(referenceImportances);
        var q = Shares(currentImportances);
        var l1 = p.Zip(q, (a, b) => Math.Abs(a - b)).Sum() / 2;
        window.GetProperty("l1").GetDouble().Should().BeApproximately(l1, 1e-12).And.BeGreaterThan(0.3);
        var (rx, ry) = (Ranks(referenceImportances), Ranks(currentImportances));
        var rho = 1 - 6 * rx.Zip(ry, (a, b) => (a - b) * (a - b)).Sum() / (3 * (9 - 1.0));
        window.GetProperty("rankCorrelation").GetDouble().Should().BeApproximately(rho, 1e-12);
    }

    private static double[] Importances(JsonElement window) =>
        [.. window.GetProperty("features").EnumerateArray().OrderBy(f => f.GetProperty("name").GetString(), StringComparer.Ordinal)
            .Select(f => f.GetProperty("importance").GetDouble())];

    private static double[] Shares(double[] importances)
    {
        var positive = importances.Select(v => Math.Max(v, 0)).ToArray();
        return [.. positive.Select(v => v / positive.Sum())];
    }

    private static double[] Ranks(double[] values) => [.. values.Select(v => (double)values.Count(w => w < v) + 1)];

    [Fact]
    public async Task The_same_relation_is_200_not_breached_with_the_options_the_cli_takes()
    {
        var body = Body(0);
        body["features"] = new JsonArray("x1", "x2");
        body["repeats"] = 3;
        body["seed"] = 7;
        body["loss"] = "squared_error";
        var response = await Post(body);

        response.StatusCode.Should().Be(HttpStatusCode.OK, await Text(response));
        var (referencePath, currentPath) = (temp.Write("reference.csv", ReferenceCsv), temp.Write("day0.csv", DayCsv(0)));
        var (code, cli, error) = await ServerTestSupport.RunCliAsync("analyze", "importance", "--reference", referencePath, "--current", currentPath,
            "--score", "score", "--label", "label", "--features", "x1,x2", "--repeats", "3", "--seed", "7", "--loss", "squared_error",
            "--max-l1", "0.3", "--min-rank-correlation", "0.8", "--format", "json");
        code.Should().Be(0, error);
        (await Text(response)).Should().Be(Renamed(cli, referencePath, currentPath));
        using var json = JsonDocument.Parse(cli);
        json.RootElement.GetProperty("loss").GetString().Should().Be("squared_error");
        json.RootElement.GetProperty("repeats").GetInt32().Should().Be(3);
        json.RootElement.GetProperty("seed").GetInt32().Should().Be(7);
        json.RootElement.GetProperty("breached").GetBoolean().Should().BeFalse();
    }

    [Theory]
    [InlineData("label", "\"outcome\"", "reference: no label column 'outcome' (columns: label, score, x1, x2, x3)")]
    [InlineData("current", "\"\"", "current: empty; expected CSV text with a header row")]
    [InlineData("score", "1", "body: score: expected a string")]
    [InlineData("features", "\"x1,x2\"", "body: features: expected an array of column names")]
    [InlineData("repeats", "2.5", "body: repeats: expected a whole number")]
    [InlineData("maxL1", "1.5", "body: maxL1: expected a number between 0 and 1")]
    [InlineData("loss", "\"hinge\"", "body: loss: 'hinge' is not log_loss or squared_error")]
    [InlineData("window", "\"daily\"", "body: window: unknown field; expected reference, current, score, label, features, categorical, loss, repeats, seed, maxRows, minRankCorrelation, maxL1")]
    public async Task Bad_input_is_400_naming_the_field(string field, string json, string detail)
    {
        var body = Body(0);
        body[field] = JsonNode.Parse(json);
        var response = await Post(body);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await Detail(response)).Should().Be(detail);
    }

    [Fact]
    public async Task A_missing_field_malformed_json_and_a_csv_row_duckdb_refuses_are_400_without_the_servers_paths()
    {
        var body = Body(0);
        body.Remove("label");
        var missing = await Post(body);
        missing.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await Detail(missing)).Should().Be("body: label: required field is missing");

        var malformed = await Post("{\"reference\": ");
        malformed.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await Detail(malformed)).Should().StartWith("body: invalid JSON: ");

        // A row with five cells past the rows DuckDB's sniffer samples (20,480): its own error, named by the field.
        var ragged = Body(0);
        ragged["reference"] = "x1,score,label\n" + string.Concat(Enumerable.Repeat("0.5,0.5,1\n", 25_000)) + "1,2,3,4,5\n";
        var refused = await Post(ragged);
        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var detail = await Detail(refused);
        detail.Should().StartWith("reference: cannot be read as a table: ").And.NotContain("steward-importance-").And.NotContain(".csv");
    }

    [Fact]
    public async Task A_body_over_32_mib_is_413_announced_or_streamed_and_without_a_token_it_is_401()
    {
        // Announced: the Content-Length alone is refused, before a byte of the body is read (a raw request:
        // HttpClient would still be sending the body when the server closes the connection).
        var address = new Uri(StewardServer.Addresses(app!).Single());
        using (var tcp = new System.Net.Sockets.TcpClient())
        {
            await tcp.ConnectAsync(address.Host, address.Port, TestContext.Current.CancellationToken);
            var stream = tcp.GetStream();
            var head = $"POST /api/v1/analyze/importance HTTP/1.1\r\nHost: {address.Authority}\r\nAuthorization: Bearer {ReaderToken}\r\n" +
                $"Content-Type: application/json\r\nContent-Length: {32L * 1024 * 1024 + 1}\r\n\r\n";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(head), TestContext.Current.CancellationToken);
            using var reader = new StreamReader(stream, Encoding.ASCII);
            (await reader.ReadLineAsync(TestContext.Current.CancellationToken)).Should().StartWith("HTTP/1.1 413");
        }

        // Streamed (chunked, no length): refused once the 33,554,433rd byte arrives.
        var body = new byte[32 * 1024 * 1024 + 1];
        Array.Fill(body, (byte)' ');
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/analyze/importance") { Content = new StreamContent(new NoLengthStream(body)) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ReaderToken);
        var streamed = await client!.SendAsync(request, TestContext.Current.CancellationToken);
        streamed.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        (await Detail(streamed)).Should().Be("the body is over the limit of 33,554,432 bytes (32 MiB)");

        var anonymous = await Post(Body(0), token: null);
        anonymous.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    private sealed class NoLengthStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}
