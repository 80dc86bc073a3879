using Steward.Core.Alignment.Ingest;
using Steward.Core.Storage;
using Steward.TestSupport;

namespace Steward.Core.Tests.Alignment.Ingest;

/// <summary>
/// Issue 17: the inference log port (<see cref="IInferenceLog"/>) keeps one contract on a DuckDB store and on a
/// PostgreSQL store (a real throw-away server): the same rows stored (timestamps in UTC, the logged columns
/// as the same JSON text), the same counts and windows, late labels joined alike, and each window's rows
/// readable by the in-process statistics. Expected values counted by hand from the files written here.
/// </summary>
public class InferenceLogContractTests
{
    public static TheoryData<StoreEngine> Engines => TestStores.Engines;

    // Monday 2026-01-05 to Monday 2026-01-12. One row carries an offset: 23:30 at +02:00 is 21:30 UTC on the 5th.
    private const string Log = """
        timestamp,request_id,x,g
        2026-01-05 00:00:00,r1,1.5,F
        2026-01-05T23:30:00+02:00,r2,2,M
        2026-01-06 12:00:00.25,r3,,F
        2026-01-11 23:59:59,r4,4,M
        2026-01-12 00:00:00,r5,5,F
        """;

    private static (TestStore Test, IStewardStore Store, string Path) Setup(StoreEngine engine, TempFolder folder)
    {
        var path = folder.Write("log.csv", Log.Replace("\r\n", "\n") + "\n");
        var test = TestStore.Create(engine);
        return (test, test.Open(AlignmentSchema.Module), path);
    }

    [Theory, MemberData(nameof(Engines))]
    public void Rows_are_stored_alike_and_counted_per_model_version_and_window(StoreEngine engine)
    {
        using var folder = new TempFolder();
        var (test, store, path) = Setup(engine, folder);
        using var _ = test;
        using var __ = store;
        var importer = new InferenceImporter(store);

        importer.Inferences(path, "scoring", "1.0").Rows.Should().Be(5);
        importer.Inferences(path, "scoring", "1.0").AlreadyImported.Should().BeTrue();
        var other = folder.Write("other.csv", "timestamp,x\n2026-01-05 08:00:00,1\n");
        importer.Inferences(other, "scoring", "2.0").Rows.Should().Be(1);

        using var log = InferenceLog.For(store);
        log.Counts(null, null).Should().BeEquivalentTo(new Dictionary<(string, string), long> { [("scoring", "1.0")] = 5, [("scoring", "2.0")] = 1 });
        // [2026-01-06, 2026-01-12): r3 and r4 only.
        log.Counts(new DateTime(2026, 1, 6, 0, 0, 0, DateTimeKind.Utc), new DateTime(2026, 1, 12, 0, 0, 0, DateTimeKind.Utc))
            .Should().BeEquivalentTo(new Dictionary<(string, string), long> { [("scoring", "1.0")] = 2 });

        var scope = new InferenceScope("scoring", "1.0", null, null);
        log.Windows(scope, WindowUnit.Day).Should().Equal(
            (Utc(2026, 1, 5), 2L), (Utc(2026, 1, 6), 1L), (Utc(2026, 1, 11), 1L), (Utc(2026, 1, 12), 1L));
        // Weeks start on Monday on both engines: the 5th to the 11th, then the 12th.
        log.Windows(scope, WindowUnit.Week).Should().Equal((Utc(2026, 1, 5), 4L), (Utc(2026, 1, 12), 1L));
        log.Windows(scope with { Version = null, To = Utc(2026, 1, 6) }, WindowUnit.Day).Should().Equal((Utc(2026, 1, 5), 3L));

        using var windows = log.OpenWindows();
        windows.Load(scope, Utc(2026, 1, 5), Utc(2026, 1, 6));
        using var command = windows.Connection.CreateCommand();
        command.CommandText = $"SELECT request_id, ts, data FROM inferences WHERE {scope.DuckDbPredicate()} " +
            $"AND ts >= {InferenceScope.Timestamp(Utc(2026, 1, 5))} AND ts < {InferenceScope.Timestamp(Utc(2026, 1, 6))} ORDER BY ts";
        using var reader = command.ExecuteReader();
        var rows = new List<(string, DateTime, string)>();
        while (reader.Read())
            rows.Add((reader.GetString(0), reader.GetDateTime(1), reader.GetString(2)));
        // Every CSV value is text (all_varchar), kept in the file's column order.
        rows.Should().Equal(
            ("r1", new DateTime(2026, 1, 5, 0, 0, 0), """{"timestamp":"2026-01-05 00:00:00","request_id":"r1","x":"1.5","g":"F"}"""),
            ("r2", new DateTime(2026, 1, 5, 21, 30, 0), """{"timestamp":"2026-01-05T23:30:00+02:00","request_id":"r2","x":"2","g":"M"}"""));
    }

    [Theory, MemberData(nameof(Engines))]
    public void Late_labels_are_joined_by_request_id(StoreEngine engine)
    {
        using var folder = new TempFolder();
        var (test, store, path) = Setup(engine, folder);
        using var _ = test;
        using var __ = store;
        var importer = new InferenceImporter(store);
        importer.Inferences(path, "scoring", "1.0");
        // r1 twice (the last one wins), r4, and one id nobody logged.
        var labels = folder.Write("labels.csv", "request_id,label\nr1,0\nr4,1\nr1,1\nnope,0\n");

        var result = importer.Labels(labels, "scoring");

        result.Rows.Should().Be(2, "r1 and r4 are labelled");
        result.Unmatched.Should().Be(1);
        using var log = InferenceLog.For(store);
        using var windows = log.OpenWindows();
        var scope = new InferenceScope("scoring", "1.0", null, null);
        windows.Load(scope, Utc(2026, 1, 5), Utc(2026, 1, 13));
        using var command = windows.Connection.CreateCommand();
        command.CommandText = $"SELECT request_id, label FROM inferences WHERE {scope.DuckDbPredicate()} AND label IS NOT NULL ORDER BY request_id";
        using var reader = command.ExecuteReader();
        var labelled = new List<(string, string)>();
        while (reader.Read())
            labelled.Add((reader.GetString(0), reader.GetString(1)));
        labelled.Should().Equal(("r1", "1"), ("r4", "1"));
    }

    [Theory, MemberData(nameof(Engines))]
    public void A_bad_row_is_named_and_nothing_is_stored(StoreEngine engine)
    {
        using var folder = new TempFolder();
        var (test, store, _) = Setup(engine, folder);
        using var __ = test;
        using var ___ = store;
        var bad = folder.Write("bad.csv", "timestamp,x\n2026-01-05 00:00:00,1\nyesterday,2\n");

        var act = () => new InferenceImporter(store).Inferences(bad, "scoring", "1.0");

        act.Should().Throw<StewardInputException>().WithMessage("*bad.csv: row 2 (line 3), column 'timestamp': 'yesterday' is not a timestamp; nothing was imported");
        using var log = InferenceLog.For(store);
        log.Counts(null, null).Should().BeEmpty();
        store.Imports().Should().BeEmpty();
    }

    [Theory, MemberData(nameof(Engines))]
    public void Otlp_rows_are_appended_from_their_row_file(StoreEngine engine)
    {
        using var test = TestStore.Create(engine);
        using var store = test.Open(AlignmentSchema.Module);
        var at = new DateTime(2026, 1, 5, 10, 0, 0, 123, DateTimeKind.Utc);
        using var file = Steward.Core.Application.Ingestion.Otlp.InferenceRowFile.Write(
        [
            new("chat", "2.1.0", at, "span-1", """{"tokens":12}"""),
            new("chat", "2.1.0", at.AddHours(20), null, """{"tokens":7}"""),
        ]);

        var outcome = store.ImportFile(file.Path, "otlp/traces", file.Insert);

        outcome.Record.Rows.Should().Be(2);
        using var log = InferenceLog.For(store);
        log.Windows(new InferenceScope("chat", "2.1.0", null, null), WindowUnit.Day).Should().Equal((Utc(2026, 1, 5), 1L), (Utc(2026, 1, 6), 1L));
        using var windows = log.OpenWindows();
        var scope = new InferenceScope("chat", null, null, null);
        windows.Load(scope, Utc(2026, 1, 5), Utc(2026, 1, 6));
        using var command = windows.Connection.CreateCommand();
        command.CommandText = $"SELECT ts, request_id, row_number, data FROM inferences WHERE {scope.DuckDbPredicate()} AND ts < {InferenceScope.Timestamp(Utc(2026, 1, 6))}";
        using var reader = command.ExecuteReader();
        reader.Read().Should().BeTrue();
        (reader.GetDateTime(0), reader.GetString(1), reader.GetInt64(2), reader.GetString(3)).Should().Be(
            (new DateTime(2026, 1, 5, 10, 0, 0, 123), "span-1", 1L, """{"tokens":12}"""));
        reader.Read().Should().BeFalse();
    }

    private static DateTime Utc(int year, int month, int day) => new(year, month, day, 0, 0, 0, DateTimeKind.Utc);
}
