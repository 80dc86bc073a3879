using System.Globalization;
using System.Text;
using Steward.Core;
using Steward.Core.Alignment.Ingest;
using Steward.Core.Application;
using Steward.Core.Application.Ingestion;
using Steward.Core.Storage;
using Steward.TestSupport;

namespace Steward.Core.Tests.Application;

/// <summary>The ingestion use case without HTTP: the key commits with the rows, a failed batch leaves neither, limits hold before reading.</summary>
public sealed class IngestionServiceTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private const string Rows = """
        {"timestamp":"2026-01-05T00:00:00Z","request_id":"r1","x":1}
        {"timestamp":"2026-01-05T01:00:00Z","request_id":"r2","x":2}
        """;

    private static IngestionRequest Inferences(string body, string? key = null, string version = "1") => new()
    {
        Kind = IngestionKind.Inferences,
        Body = new MemoryStream(Encoding.UTF8.GetBytes(body.Replace("\r\n", "\n", StringComparison.Ordinal))),
        Model = "m",
        Version = version,
        IdempotencyKey = key,
    };

    private static long Count(string store, string sql)
    {
        using var opened = StewardStore.Open(store);
        return Convert.ToInt64(opened.Scalar(sql), CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task The_key_is_stored_with_the_import_of_its_rows()
    {
        using var temp = new TempFolder();
        var store = temp["s.duckdb"];
        var service = new StewardApplication().Ingestion(store);

        var result = await service.IngestAsync(Inferences(Rows, key: "k1"), Cancel);
        result.Should().Be(new IngestionResult(2, false, result.ImportId, "k1"));
        Count(store, $"SELECT count(*) FROM inferences WHERE import_id = {result.ImportId}").Should().Be(2);
        Count(store, $"SELECT count(*) FROM ingest_batches WHERE idempotency_key = 'k1' AND import_id = {result.ImportId} AND stored_rows = 2 AND target = 'inferences/m/1'").Should().Be(1);

        var again = await service.IngestAsync(Inferences(Rows, key: "k1"), Cancel);
        again.Should().Be(new IngestionResult(0, true, result.ImportId, "k1"));
    }

    [Fact]
    public async Task A_batch_that_fails_leaves_neither_rows_nor_key()
    {
        using var temp = new TempFolder();
        var store = temp["s.duckdb"];
        var service = new StewardApplication().Ingestion(store);

        var bad = Rows.Replace("\"request_id\":\"r2\"", "\"request_id\":\"\"", StringComparison.Ordinal);
        var act = () => service.IngestAsync(Inferences(bad, key: "k1"), Cancel);
        (await act.Should().ThrowAsync<StewardInputException>()).Which.Message
            .Should().Be("request body: row 2 (line 2), column 'request_id': the request id is empty; nothing was imported");
        Count(store, "SELECT count(*) FROM ingest_batches").Should().Be(0);
        Count(store, "SELECT count(*) FROM imports").Should().Be(0);
    }

    [Fact]
    public async Task The_same_body_for_two_versions_is_two_batches()
    {
        using var temp = new TempFolder();
        var store = temp["s.duckdb"];
        var service = new StewardApplication().Ingestion(store);
        (await service.IngestAsync(Inferences(Rows, version: "1"), Cancel)).Accepted.Should().Be(2);
        (await service.IngestAsync(Inferences(Rows, version: "2"), Cancel)).Accepted.Should().Be(2);
        Count(store, "SELECT count(*) FROM inferences").Should().Be(4);
    }

    [Fact]
    public async Task A_declared_length_over_the_limit_is_refused_before_the_body_is_read()
    {
        using var temp = new TempFolder();
        var service = new StewardApplication().Ingestion(temp["s.duckdb"], new IngestionLimits { MaxJsonLinesBytes = 10 });
        var request = Inferences(Rows) with { Body = new UnreadableStream(), DeclaredLength = 11 };
        var act = () => service.IngestAsync(request, Cancel);
        (await act.Should().ThrowAsync<BodyTooLargeException>()).Which.Limit.Should().Be(10);
        File.Exists(temp["s.duckdb"]).Should().BeFalse();
    }

    [Fact]
    public async Task Labels_of_one_version_leave_the_other_versions_and_the_cli_still_labels_every_version()
    {
        using var temp = new TempFolder();
        var store = temp["s.duckdb"];
        var service = new StewardApplication().Ingestion(store);
        await service.IngestAsync(Inferences(Rows, version: "1"), Cancel);
        await service.IngestAsync(Inferences(Rows, version: "2"), Cancel);
        var labels = new IngestionRequest
        {
            Kind = IngestionKind.Labels, Model = "m", Version = "2",
            Body = new MemoryStream(Encoding.UTF8.GetBytes("{\"request_id\":\"r1\",\"label\":1}\n")),
        };
        var result = await service.IngestAsync(labels, Cancel);
        (result.Accepted, result.Matched, result.Unmatched).Should().Be((1L, 1L, 0L));
        Count(store, "SELECT count(*) FROM inferences WHERE label IS NOT NULL").Should().Be(1);

        // The CLI's call (no version) labels r2 of both versions.
        var file = temp.Write("labels.jsonl", "{\"request_id\":\"r2\",\"label\":0}\n");
        using (var opened = StewardStore.Open(store, AlignmentSchema.Module))
            new InferenceImporter(opened).Labels(file, "m").Rows.Should().Be(2);
        Count(store, "SELECT count(*) FROM inferences WHERE label IS NOT NULL").Should().Be(3);
    }

    private sealed class UnreadableStream : MemoryStream
    {
        public override int Read(byte[] buffer, int offset, int count) => throw new InvalidOperationException("read");

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => throw new InvalidOperationException("read");
    }
}
