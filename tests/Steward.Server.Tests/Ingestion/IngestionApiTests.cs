using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Steward.Core.Storage;

namespace Steward.Server.Tests.Ingestion;

/// <summary>
/// The ingestion API over real HTTP: each endpoint's rows read back from the store equal the body's,
/// retries are no-ops by Idempotency-Key or by body hash, bad rows store nothing, and the limits answer 401/403/413/415/422.
/// </summary>
public sealed class IngestionApiTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    // Three inferences of credit-scoring 1.3.0; the expected values below are read off these lines.
    private const string Inferences = """
        {"timestamp":"2026-01-05T00:00:00Z","request_id":"r1","income":1200.5,"prediction":1}
        {"timestamp":"2026-01-05T01:00:00Z","request_id":"r2","income":800.0,"prediction":0}
        {"timestamp":"2026-01-05T02:30:00Z","request_id":"r3","income":950.25,"prediction":1}

        """;

    private static ByteArrayContent JsonLines(string body)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body.Replace("\r\n", "\n", StringComparison.Ordinal)));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
        return content;
    }

    private static ByteArrayContent Csv(string body)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body.Replace("\r\n", "\n", StringComparison.Ordinal)));
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        return content;
    }

    private static async Task<HttpResponseMessage> Post(HttpClient client, string uri, HttpContent content, string? key = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = content };
        if (key is not null) request.Headers.Add("Idempotency-Key", key);
        return await client.SendAsync(request, Cancel);
    }

    private static async Task<JsonElement> Json(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel)).RootElement.Clone();

    [Fact]
    public async Task Inferences_are_stored_as_sent_and_a_retry_with_the_same_key_adds_nothing()
    {
        await using var server = await IngestionServer.StartAsync();
        using var client = server.Client();

        var first = await Post(client, "/api/v1/inferences?model=credit-scoring&version=1.3.0", JsonLines(Inferences), key: "batch-0001");
        first.StatusCode.Should().Be(HttpStatusCode.OK, await first.Content.ReadAsStringAsync(Cancel));
        var answer = await Json(first);
        answer.GetProperty("accepted").GetInt64().Should().Be(3);
        answer.GetProperty("duplicate").GetBoolean().Should().BeFalse();

        var stored = server.Query(store =>
        {
            using var command = store.Command("SELECT model, version, strftime(ts, '%Y-%m-%dT%H:%M:%S'), request_id, data FROM inferences ORDER BY row_number");
            using var reader = command.ExecuteReader();
            var rows = new List<string>();
            while (reader.Read())
            {
                using var data = JsonDocument.Parse(reader.GetString(4));
                rows.Add(string.Join('|', reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                    data.RootElement.GetProperty("income").GetDouble().ToString(CultureInfo.InvariantCulture),
                    data.RootElement.GetProperty("prediction").GetInt64().ToString(CultureInfo.InvariantCulture)));
            }
            return rows;
        });
        stored.Should().Equal(
            "credit-scoring|1.3.0|2026-01-05T00:00:00|r1|1200.5|1",
            "credit-scoring|1.3.0|2026-01-05T01:00:00|r2|800|0",
            "credit-scoring|1.3.0|2026-01-05T02:30:00|r3|950.25|1");

        var retry = await Post(client, "/api/v1/inferences?model=credit-scoring&version=1.3.0", JsonLines(Inferences), key: "batch-0001");
        retry.StatusCode.Should().Be(HttpStatusCode.OK);
        var again = await Json(retry);
        again.GetProperty("accepted").GetInt64().Should().Be(0);
        again.GetProperty("duplicate").GetBoolean().Should().BeTrue();
        server.Count("inferences").Should().Be(3);
        server.Count("ingest_batches").Should().Be(1);
    }

    [Fact]
    public async Task Without_a_key_the_body_hash_makes_a_retry_a_no_op()
    {
        await using var server = await IngestionServer.StartAsync();
        using var client = server.Client();

        var first = await Json(await Post(client, "/api/v1/inferences?model=m&version=1", JsonLines(Inferences)));
        first.GetProperty("accepted").GetInt64().Should().Be(3);
        var hash = IngestionServer.Sha256(Inferences.Replace("\r\n", "\n", StringComparison.Ordinal));
        first.GetProperty("idempotencyKey").GetString().Should().Be("sha256:" + hash);

        var retry = await Json(await Post(client, "/api/v1/inferences?model=m&version=1", JsonLines(Inferences)));
        retry.GetProperty("accepted").GetInt64().Should().Be(0);
        retry.GetProperty("duplicate").GetBoolean().Should().BeTrue();
        server.Count("inferences").Should().Be(3);
    }

    [Fact]
    public async Task A_key_reused_for_another_body_is_refused_with_422()
    {
        await using var server = await IngestionServer.StartAsync();
        using var client = server.Client();
        (await Post(client, "/api/v1/inferences?model=m&version=1", JsonLines(Inferences), key: "k-1")).StatusCode.Should().Be(HttpStatusCode.OK);
        var other = Inferences.Replace("r3", "r4", StringComparison.Ordinal);
        var reused = await Post(client, "/api/v1/inferences?model=m&version=1", JsonLines(other), key: "k-1");
        reused.StatusCode.Should().Be((HttpStatusCode)422);
        server.Count("inferences").Should().Be(3);
    }

    [Fact]
    public async Task A_bad_row_is_a_400_naming_line_and_field_and_nothing_is_stored()
    {
        await using var server = await IngestionServer.StartAsync();
        using var client = server.Client();
        var bad = Inferences.Replace("2026-01-05T01:00:00Z", "yesterday", StringComparison.Ordinal);

        var response = await Post(client, "/api/v1/inferences?model=m&version=1", JsonLines(bad), key: "bad-1");
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var problem = await Json(response);
        problem.GetProperty("detail").GetString().Should().Be(
            "request body: row 2 (line 2), column 'timestamp': 'yesterday' is not a timestamp; nothing was imported");
        problem.GetProperty("line").GetInt64().Should().Be(2);
        problem.GetProperty("field").GetString().Should().Be("timestamp");
        server.Count("inferences").Should().Be(0);
        server.Count("ingest_batches").Should().Be(0);

        // The key was not spent: the corrected batch is accepted under it.
        var fixedBatch = await Json(await Post(client, "/api/v1/inferences?model=m&version=1", JsonLines(Inferences), key: "bad-1"));
        fixedBatch.GetProperty("accepted").GetInt64().Should().Be(3);
    }

    [Fact]
    public async Task A_blank_line_between_records_is_a_400_naming_it()
    {
        await using var server = await IngestionServer.StartAsync();
        using var client = server.Client();
        var body = Inferences.Replace("\n{\"timestamp\":\"2026-01-05T01", "\n\n{\"timestamp\":\"2026-01-05T01", StringComparison.Ordinal);
        var response = await Post(client, "/api/v1/inferences?model=m&version=1", JsonLines(body));
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await Json(response)).GetProperty("line").GetInt64().Should().Be(2);
        server.Count("inferences").Should().Be(0);
    }

    [Fact]
    public async Task Labels_are_joined_by_request_id_to_the_inferences_of_the_version()
    {
        await using var server = await IngestionServer.StartAsync();
        using var client = server.Client();
        (await Post(client, "/api/v1/inferences?model=m&version=1", JsonLines(Inferences))).StatusCode.Should().Be(HttpStatusCode.OK);
        (await Post(client, "/api/v1/inferences?model=m&version=2", JsonLines(Inferences))).StatusCode.Should().Be(HttpStatusCode.OK);
        const string labels = """
            {"request_id":"r1","label":1}
            {"request_id":"r3","label":0}
            {"request_id":"r9","label":1}
            """;

        var answer = await Json(await Post(client, "/api/v1/labels?model=m&version=1", JsonLines(labels), key: "labels-1"));
        answer.GetProperty("accepted").GetInt64().Should().Be(3);   // three label rows sent
        answer.GetProperty("matched").GetInt64().Should().Be(2);    // r1 and r3 of version 1
        answer.GetProperty("unmatched").GetInt64().Should().Be(1);  // r9
        var stored = server.Query(store =>
        {
            using var command = store.Command("SELECT version || ':' || request_id || '=' || coalesce(label, '-') FROM inferences ORDER BY version, request_id");
            using var reader = command.ExecuteReader();
            var rows = new List<string>();
            while (reader.Read()) rows.Add(reader.GetString(0));
            return rows;
        });
        stored.Should().Equal("1:r1=1", "1:r2=-", "1:r3=0", "2:r1=-", "2:r2=-", "2:r3=-");

        var retry = await Json(await Post(client, "/api/v1/labels?model=m&version=1", JsonLines(labels), key: "labels-1"));
        retry.GetProperty("duplicate").GetBoolean().Should().BeTrue();
        retry.GetProperty("accepted").GetInt64().Should().Be(0);
    }

    // Two usage samples; the stored hours below follow from them: a sample stands for window_seconds
    // (default 3600 s = 1 h), cpu core-hours = cores × hours, GiB-hours = bytes / 2^30 × hours.
    private const string Usage = """
        timestamp,namespace,pod,container,cpu_request_cores,cpu_usage_cores,memory_request_bytes,memory_usage_bytes,window_seconds
        2026-11-01T00:00:00Z,ml,scorer-1,server,2,0.5,4294967296,1073741824,3600
        2026-11-01T00:00:00Z,ml,scorer-2,server,1,0.25,2147483648,536870912,7200
        """;

    [Fact]
    public async Task Usage_rows_are_stored_as_sent_and_a_bad_value_names_line_and_column()
    {
        await using var server = await IngestionServer.StartAsync();
        using var client = server.Client();

        var answer = await Json(await Post(client, "/api/v1/usage", Csv(Usage), key: "usage-1"));
        answer.GetProperty("accepted").GetInt64().Should().Be(2);
        var stored = server.Query(store =>
        {
            using var command = store.Command("SELECT pod, cpu_request_core_hours, cpu_core_hours, memory_request_gib_hours, memory_gib_hours FROM cost_usage ORDER BY pod");
            using var reader = command.ExecuteReader();
            var rows = new List<string>();
            while (reader.Read())
                rows.Add(string.Join('|', reader.GetString(0), reader.GetDouble(1).ToString(CultureInfo.InvariantCulture), reader.GetDouble(2).ToString(CultureInfo.InvariantCulture),
                    reader.GetDouble(3).ToString(CultureInfo.InvariantCulture), reader.GetDouble(4).ToString(CultureInfo.InvariantCulture)));
            return rows;
        });
        // scorer-1: 2 × 1 h, 0.5 × 1 h, 4 GiB × 1 h, 1 GiB × 1 h; scorer-2: 1 × 2 h, 0.25 × 2 h, 2 GiB × 2 h, 0.5 GiB × 2 h.
        stored.Should().Equal("scorer-1|2|0.5|4|1", "scorer-2|2|0.5|4|1");

        (await Json(await Post(client, "/api/v1/usage", Csv(Usage), key: "usage-1"))).GetProperty("duplicate").GetBoolean().Should().BeTrue();
        server.Count("cost_usage").Should().Be(2);

        var bad = await Post(client, "/api/v1/usage", Csv(Usage.Replace(",0.25,", ",lots,", StringComparison.Ordinal)), key: "usage-2");
        bad.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var problem = await Json(bad);
        problem.GetProperty("detail").GetString().Should().Be("request body: row 2 (line 3), column cpu_usage_cores: value 'lots' is not a number; nothing was imported");
        problem.GetProperty("line").GetInt64().Should().Be(3);
        problem.GetProperty("field").GetString().Should().Be("cpu_usage_cores");
        server.Count("cost_usage").Should().Be(2);
    }

    [Fact]
    public async Task A_focus_csv_is_stored_whole_and_its_billed_cost_equals_the_file()
    {
        await using var server = await IngestionServer.StartAsync();
        using var client = server.Client();
        var path = Steward.TestSupport.RepositoryPaths.InShared("data", "focus", "focus_sample.csv");
        var (rows, billed) = FocusCsv.RowsAndBilledCost(path);

        var content = new ByteArrayContent(await File.ReadAllBytesAsync(path, Cancel));
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        var answer = await Json(await Post(client, "/api/v1/costs", content, key: "focus-2024-09"));
        answer.GetProperty("accepted").GetInt64().Should().Be(rows);
        server.Count("cost_focus").Should().Be(rows);
        server.Query(store => Convert.ToDecimal(store.Scalar("SELECT sum(BilledCost) FROM cost_focus"), CultureInfo.InvariantCulture)).Should().Be(billed);

        var retry = await Json(await Post(client, "/api/v1/costs", new ByteArrayContent(await File.ReadAllBytesAsync(path, Cancel)), key: "focus-2024-09"));
        retry.GetProperty("duplicate").GetBoolean().Should().BeTrue();
        server.Count("cost_focus").Should().Be(rows);
    }

    [Fact]
    public async Task A_focus_parquet_export_is_recognised_by_its_first_bytes()
    {
        await using var server = await IngestionServer.StartAsync();
        using var client = server.Client();
        var csv = Steward.TestSupport.RepositoryPaths.InShared("data", "focus", "focus_sample.csv");
        var (rows, billed) = FocusCsv.RowsAndBilledCost(csv);
        var parquet = server.Temp["focus.parquet"];
        using (var duck = DuckDbSettings.OpenInMemory())
        using (var command = duck.CreateCommand())
        {
            command.CommandText = $"COPY (SELECT * FROM read_csv('{csv}', all_varchar = true, nullstr = 'NULL')) TO '{parquet}' (FORMAT parquet)";
            command.ExecuteNonQuery();
        }

        var content = new ByteArrayContent(await File.ReadAllBytesAsync(parquet, Cancel));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        var response = await Post(client, "/api/v1/costs", content);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Cancel));
        (await Json(response)).GetProperty("accepted").GetInt64().Should().Be(rows);
        server.Query(store => Convert.ToDecimal(store.Scalar("SELECT sum(BilledCost) FROM cost_focus"), CultureInfo.InvariantCulture)).Should().Be(billed);
    }

    [Fact]
    public async Task A_gzip_compressed_focus_csv_is_read_as_the_csv()
    {
        await using var server = await IngestionServer.StartAsync();
        using var client = server.Client();
        var path = Steward.TestSupport.RepositoryPaths.InShared("data", "focus", "focus_sample.csv");
        var (rows, billed) = FocusCsv.RowsAndBilledCost(path);
        var gzip = new MemoryStream();
        using (var compress = new System.IO.Compression.GZipStream(gzip, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
            compress.Write(await File.ReadAllBytesAsync(path, Cancel));

        var content = new ByteArrayContent(gzip.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/gzip");
        var response = await Post(client, "/api/v1/costs", content);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Cancel));
        (await Json(response)).GetProperty("accepted").GetInt64().Should().Be(rows);
        server.Query(store => Convert.ToDecimal(store.Scalar("SELECT sum(BilledCost) FROM cost_focus"), CultureInfo.InvariantCulture)).Should().Be(billed);
    }

    [Fact]
    public async Task A_focus_csv_with_a_bad_value_stores_nothing()
    {
        await using var server = await IngestionServer.StartAsync();
        using var client = server.Client();
        var lines = File.ReadAllLines(Steward.TestSupport.RepositoryPaths.InShared("data", "focus", "focus_sample.csv"));
        // Line 3 (the second charge): its BilledCost (the second field) becomes text.
        lines[2] = lines[2].Replace("NULL,0.00001605990,", "NULL,abc,", StringComparison.Ordinal);
        var response = await Post(client, "/api/v1/costs", Csv(string.Join('\n', lines) + "\n"));
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var problem = await Json(response);
        problem.GetProperty("line").GetInt64().Should().Be(3);
        problem.GetProperty("field").GetString().Should().Be("BilledCost");
        server.Count("cost_focus").Should().Be(0);
    }

    [Fact]
    public async Task Without_a_token_401_and_without_the_ingest_scope_403_and_nothing_is_stored()
    {
        await using var server = await IngestionServer.StartAsync();
        using (var anonymous = server.Client(token: null))
            (await Post(anonymous, "/api/v1/inferences?model=m&version=1", JsonLines(Inferences))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        using (var wrong = server.Client(token: "not-a-token"))
            (await Post(wrong, "/api/v1/usage", Csv(Usage))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        using (var reader = server.Client(IngestionServer.ReadToken))
            (await Post(reader, "/api/v1/costs", Csv("a\n1\n"))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        server.Count("inferences").Should().Be(0);
        server.Count("cost_usage").Should().Be(0);
    }

    [Fact]
    public async Task A_body_over_the_limit_is_413_whether_announced_or_streamed()
    {
        await using var server = await IngestionServer.StartAsync();
        using var client = server.Client();
        const int limit = 16 * 1024 * 1024; // the JSON Lines limit (IngestionLimits.MaxJsonLinesBytes)
        var line = Encoding.UTF8.GetBytes("{\"timestamp\":\"2026-01-05T00:00:00Z\",\"x\":1}\n");
        var body = new byte[limit + 1];
        for (var i = 0; i < body.Length; i++) body[i] = line[i % line.Length];

        var announced = new ByteArrayContent(body);
        announced.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
        (await Post(client, "/api/v1/inferences?model=m&version=1", announced)).StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);

        // Chunked: no Content-Length, the limit is found while the body streams in.
        var streamed = new StreamContent(new NoLengthStream(body));
        streamed.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
        (await Post(client, "/api/v1/inferences?model=m&version=1", streamed)).StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        server.Count("inferences").Should().Be(0);
    }

    [Fact]
    public async Task A_wrong_content_type_is_415()
    {
        await using var server = await IngestionServer.StartAsync();
        using var client = server.Client();
        (await Post(client, "/api/v1/inferences?model=m&version=1", Csv("timestamp\n2026-01-01\n"))).StatusCode.Should().Be(HttpStatusCode.UnsupportedMediaType);
        var image = new ByteArrayContent([1, 2, 3]);
        image.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        (await Post(client, "/api/v1/costs", image)).StatusCode.Should().Be(HttpStatusCode.UnsupportedMediaType);
    }

    /// <summary>A stream whose length is unknown, so that HttpClient sends it chunked.</summary>
    private sealed class NoLengthStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}
