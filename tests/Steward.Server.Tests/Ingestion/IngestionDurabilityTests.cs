using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Steward.Core.Storage;
using Steward.Server.Tests.Support;
using Steward.TestSupport;

namespace Steward.Server.Tests.Ingestion;

/// <summary>
/// What an answer promises survives the process: batches acknowledged by a real <c>steward serve</c> are in
/// the store exactly once after <c>kill -9</c>, and a busy store is a 429 with Retry-After, not an error.
/// </summary>
public sealed class IngestionDurabilityTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private const int RowsPerBatch = 200;

    /// <summary>Batch <paramref name="id"/>: <see cref="RowsPerBatch"/> inferences with request ids b{id}-r{n}.</summary>
    private static byte[] Batch(int id)
    {
        var text = new StringBuilder();
        for (var n = 0; n < RowsPerBatch; n++)
            text.Append(CultureInfo.InvariantCulture, $"{{\"timestamp\":\"2026-01-05T00:00:{n % 60:00}Z\",\"request_id\":\"b{id}-r{n}\",\"score\":{n}}}\n");
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static async Task<HttpResponseMessage> Send(HttpClient client, int id)
    {
        var content = new ByteArrayContent(Batch(id));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/inferences?model=m&version=1") { Content = content };
        request.Headers.Add("Idempotency-Key", $"batch-{id}");
        return await client.SendAsync(request, Cancel);
    }

    private static long Rows(StewardStore store, int id) =>
        Convert.ToInt64(store.Scalar("SELECT count(*) FROM inferences WHERE request_id LIKE $p", ("p", $"b{id}-r%")), CultureInfo.InvariantCulture);

    private static long Keys(StewardStore store, int id) =>
        Convert.ToInt64(store.Scalar("SELECT count(*) FROM ingest_batches WHERE idempotency_key = $k", ("k", $"batch-{id}")), CultureInfo.InvariantCulture);

    [Fact]
    public async Task Every_batch_acknowledged_before_kill_9_is_stored_exactly_once()
    {
        using var temp = new TempFolder();
        var tokens = IngestionServer.WriteTokenFile(temp);
        var store = temp["store/steward.duckdb"];
        var acknowledged = new ConcurrentBag<int>();
        var sent = new ConcurrentBag<int>();
        var next = 0;

        using (var server = await ServeProcess.StartAsync(store, tokens, Cancel))
        {
            using var client = new HttpClient { BaseAddress = server.Address };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", IngestionServer.IngestToken);
            using var killed = new CancellationTokenSource();
            // Three senders post batches back to back; the process is killed while they are in flight.
            var senders = Enumerable.Range(0, 3).Select(_ => Task.Run(async () =>
            {
                while (!killed.IsCancellationRequested)
                {
                    var id = Interlocked.Increment(ref next);
                    sent.Add(id);
                    try
                    {
                        using var response = await Send(client, id);
                        if (response.StatusCode == HttpStatusCode.OK) acknowledged.Add(id);
                        else if (response.StatusCode != HttpStatusCode.TooManyRequests)
                            throw new InvalidOperationException($"batch {id}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Cancel)}");
                    }
                    catch (HttpRequestException)
                    {
                        // The connection broke: the process was killed with this batch in flight.
                        return;
                    }
                }
            })).ToList();

            while (acknowledged.Count < 20)
                await Task.Delay(10, Cancel);
            server.Kill();
            killed.Cancel();
            await Task.WhenAll(senders);
        }

        var ids = sent.Distinct().Order().ToList();
        acknowledged.Count.Should().BeGreaterThanOrEqualTo(20);
        // Opening the store replays DuckDB's write-ahead log of the killed process.
        IngestionServer.Read(store, opened =>
        {
            foreach (var id in acknowledged)
            {
                Rows(opened, id).Should().Be(RowsPerBatch, $"batch {id} was acknowledged");
                Keys(opened, id).Should().Be(1, $"batch {id} was acknowledged");
            }
            foreach (var id in ids)
            {
                // Batches in flight at the kill: all of the batch with its key, or nothing.
                var rows = Rows(opened, id);
                rows.Should().BeOneOf([0L, RowsPerBatch], $"batch {id} is atomic");
                Keys(opened, id).Should().Be(rows == 0 ? 0 : 1, $"batch {id}'s key commits with its rows");
            }
            return 0;
        });

        // The sender retries everything after a restart: acknowledged batches are duplicates, and in the end every batch is stored once.
        using (var server = await ServeProcess.StartAsync(store, tokens, Cancel))
        {
            using var client = new HttpClient { BaseAddress = server.Address };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", IngestionServer.IngestToken);
            foreach (var id in ids)
            {
                using var response = await Send(client, id);
                response.StatusCode.Should().Be(HttpStatusCode.OK);
                using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel));
                if (acknowledged.Contains(id))
                    answer.RootElement.GetProperty("duplicate").GetBoolean().Should().BeTrue($"batch {id} was acknowledged before");
            }
        }
        IngestionServer.Read(store, opened =>
        {
            foreach (var id in ids)
                Rows(opened, id).Should().Be(RowsPerBatch, $"batch {id} is stored once");
            Convert.ToInt64(opened.Scalar("SELECT count(*) FROM inferences"), CultureInfo.InvariantCulture).Should().Be((long)ids.Count * RowsPerBatch);
            return 0;
        });
    }

    [Fact]
    public async Task A_store_locked_by_another_process_is_a_429_with_retry_after_and_the_retry_succeeds()
    {
        await using var server = await IngestionServer.StartAsync();
        using var client = server.Client();
        (await Send(client, 1)).StatusCode.Should().Be(HttpStatusCode.OK); // creates the store

        // Another process takes DuckDB's write lock (a whole-file POSIX record lock, as DuckDB's own is).
        using (var holder = StoreLockHolder.Start(server.Store))
        {
            var busy = await Send(client, 2);
            busy.StatusCode.Should().Be(HttpStatusCode.TooManyRequests, await busy.Content.ReadAsStringAsync(Cancel));
            busy.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(2));
        }
        server.Count("inferences", "request_id LIKE 'b2-%'").Should().Be(0);

        var retry = await Send(client, 2);
        retry.StatusCode.Should().Be(HttpStatusCode.OK);
        server.Count("inferences", "request_id LIKE 'b2-%'").Should().Be(RowsPerBatch);
    }

    [Fact]
    public async Task A_full_write_queue_is_a_429_and_queued_batches_complete_when_the_writer_is_free()
    {
        await using var server = await IngestionServer.StartAsync();
        using var client = server.Client();
        // The server's writer: one per store file in the process.
        var writer = Steward.Core.Application.Ingestion.StoreWriter.For(server.Store);
        var capacity = new Steward.Core.Application.Ingestion.IngestionLimits().WriteQueueCapacity;

        var hold = await writer.HoldAsync();
        var queued = Enumerable.Range(1, capacity - 1).Select(id => Send(client, id)).ToList();
        while (writer.Queued < capacity)
            await Task.Delay(10, Cancel);
        var refused = await Send(client, 999);
        refused.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        refused.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(2));
        hold.Dispose();

        foreach (var response in await Task.WhenAll(queued))
            response.StatusCode.Should().Be(HttpStatusCode.OK);
        server.Count("inferences").Should().Be((capacity - 1L) * RowsPerBatch);
    }
}
