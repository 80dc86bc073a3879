using Steward.Core.Alignment.Ingest;
using Steward.Core.Application.Ingestion;
using Steward.Core.Application.Ingestion.Otlp;
using Steward.Core.Storage;
using Steward.TestSupport;

namespace Steward.Core.Tests.Application.Ingestion;

/// <summary>
/// Issue 17, item 3, for the ingestion API: two replicas (two connections of their own to one PostgreSQL
/// store) receive one batch at once. The store's locks order them: the batch is stored once, and the second
/// replica answers with the first one's import. A key reused for another body at the same moment is refused
/// once the first commits, and leaves nothing behind.
/// </summary>
public class BatchRaceTests
{
    private static readonly SchemaModule Rows = new("batch-race",
    [
        new Migration(1, "rows", "CREATE TABLE race_rows (import_id BIGINT NOT NULL, line VARCHAR NOT NULL);"),
    ])
    {
        PostgresMigrations = [new Migration(1, "rows", "CREATE TABLE race_rows (import_id BIGINT NOT NULL, line TEXT NOT NULL);")],
    };

    /// <summary>A loader as the importers are: one row per line of the file, stamped with the import.</summary>
    private static long Load(ImportContext context)
    {
        var lines = File.ReadAllLines(context.Path);
        foreach (var line in lines)
            context.Store.Execute("INSERT INTO race_rows VALUES ($id, $line)", ("id", context.ImportId), ("line", line));
        return lines.Length;
    }

    private static IngestionResult Ingest(IStewardStore store, BatchKey key, string file, Action? whileLoading = null) =>
        IngestionService.StoreOnce(store, key, recording =>
        {
            var outcome = recording.ImportFile(file, "race", context =>
            {
                var rows = Load(context);
                whileLoading?.Invoke();
                return rows;
            });
            return new IngestionResult(outcome.AlreadyImported ? 0 : outcome.Record.Rows, outcome.AlreadyImported, outcome.Record.ImportId, key.Key);
        });

    private static long Count(string address, string table)
    {
        using var store = Stores.Open(address);
        return Convert.ToInt64(store.Scalar($"SELECT count(*) FROM {table}"), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Runs <paramref name="replica"/> on two threads at once, each with its own store connection.</summary>
    private static (object A, object B) TwoReplicas(string address, Func<IStewardStore, int, object> replica)
    {
        var results = new object[2];
        using var start = new Barrier(2);
        var threads = Enumerable.Range(0, 2).Select(r => new Thread(() =>
        {
            try
            {
                using var store = Stores.Open(address, IngestionSchema.Module, Rows);
                start.SignalAndWait(TestContext.Current.CancellationToken);
                results[r] = replica(store, r);
            }
            catch (Exception e)
            {
                results[r] = e;
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        return (results[0], results[1]);
    }

    [Fact]
    public void Two_replicas_ingesting_one_batch_at_once_store_it_once()
    {
        using var temp = new TempFolder();
        var file = temp.Write("batch.txt", "a\nb\nc\n");
        var address = PostgresServer.Shared.CreateDatabase();
        var key = new BatchKey("race", "batch-1", "race", StewardStore.ContentHash(file));

        var (a, b) = TwoReplicas(address, (store, _) => Ingest(store, key, file));

        var answers = new[] { a, b }.Should().AllBeOfType<IngestionResult>().Subject.ToList();
        // One stored the 3 lines; the other answers "already imported" with the same import.
        answers.Select(r => (r.Accepted, r.Duplicate)).Should().BeEquivalentTo([(3L, false), (0L, true)]);
        answers[0].ImportId.Should().Be(answers[1].ImportId);
        Count(address, "race_rows").Should().Be(3);
        Count(address, "imports").Should().Be(1);
        Count(address, "ingest_batches").Should().Be(1);
    }

    [Fact]
    public void A_key_reused_for_another_body_at_the_same_moment_is_refused_and_leaves_nothing()
    {
        using var temp = new TempFolder();
        var files = new[] { temp.Write("first.txt", "a\nb\n"), temp.Write("second.txt", "x\ny\nz\n") };
        var address = PostgresServer.Shared.CreateDatabase();
        // Both replicas get past the key's lookup and load their rows before either records the key:
        // the second insert of the key waits for the first commit, then finds the key taken.
        using var loaded = new Barrier(2);
        var (a, b) = TwoReplicas(address, (store, r) =>
            Ingest(store, new BatchKey("race", "same-key", "race", StewardStore.ContentHash(files[r])), files[r],
                () => loaded.SignalAndWait(TimeSpan.FromMinutes(1)).Should().BeTrue()));

        var outcomes = new[] { a, b };
        outcomes.Should().OnlyContain(o => o is IngestionResult || o is IdempotencyKeyReusedException, string.Join(" | ", outcomes));
        var stored = outcomes.OfType<IngestionResult>().Should().ContainSingle().Subject;
        var refused = outcomes.OfType<IdempotencyKeyReusedException>().Should().ContainSingle().Subject;
        stored.Duplicate.Should().BeFalse();
        refused.Message.Should().StartWith("Idempotency-Key 'same-key' was used for another body of race (sha256 ");
        // Only the winner's rows and import are in the store: 2 or 3 lines, as its file had.
        Count(address, "race_rows").Should().Be(stored.Accepted);
        Count(address, "imports").Should().Be(1);
        Count(address, "ingest_batches").Should().Be(1);
    }

    [Fact]
    public void Two_replicas_storing_one_OTLP_batch_at_once_store_it_once()
    {
        // The OTLP endpoints store through the ingestion API's StoreOnce: the replica that finds the key
        // taken after loading its rows (its import rolled back) answers with the winner's import.
        InferenceRow[] rows =
        [
            new("churn", "v1", new DateTime(2026, 12, 1, 10, 0, 0, DateTimeKind.Utc), "r-1", """{"latency_ms":12.5}"""),
            new("churn", "v1", new DateTime(2026, 12, 1, 10, 0, 1, DateTimeKind.Utc), "r-2", """{"latency_ms":20}"""),
        ];
        using var file = InferenceRowFile.Write(rows);
        var address = PostgresServer.Shared.CreateDatabase();
        var key = new BatchKey(OtlpIngestionService.BatchKind, "otlp-1", "otlp/traces", StewardStore.ContentHash(file.Path));
        using (Stores.Open(address, IngestionSchema.Module, AlignmentSchema.Module)) { }

        var (a, b) = TwoReplicas(address, (store, _) => OtlpIngestionService.Store(store, file, key, OtlpSignal.Traces));

        var answers = new[] { a, b }.Should().AllBeOfType<OtlpResult>().Subject.ToList();
        answers.Select(r => (r.Stored, r.Duplicate)).Should().BeEquivalentTo([(2L, false), (0L, true)]);
        answers[0].ImportId.Should().Be(answers[1].ImportId);
        Count(address, "inferences").Should().Be(2);
        Count(address, "imports").Should().Be(1);
        Count(address, "ingest_batches").Should().Be(1);
    }
}
