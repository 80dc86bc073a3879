using Steward.Core.Storage;

using Steward.TestSupport;

namespace Steward.Core.Tests.Storage;

public class StewardStoreTests
{
    private static readonly SchemaModule Notes = new("notes",
    [
        new Migration(1, "notes table", "CREATE TABLE notes (import_id BIGINT NOT NULL, text VARCHAR NOT NULL);"),
        new Migration(2, "notes get a length", "ALTER TABLE notes ADD COLUMN length INTEGER;"),
    ]);

    private static long Count(IStewardStore store, string table)
        => Convert.ToInt64(store.Scalar($"SELECT count(*) FROM {table}"));

    private static long LoadLines(ImportContext context)
    {
        var rows = 0L;
        foreach (var line in File.ReadAllLines(context.Path))
        {
            if (line == "boom")
                throw new InvalidOperationException("bad line");
            context.Store.Execute("INSERT INTO notes VALUES ($id, $text, $length)",
                ("id", context.ImportId), ("text", line), ("length", line.Length));
            rows++;
        }
        return rows;
    }

    [Fact]
    public void Open_creates_the_folder_and_applies_every_migration_once()
    {
        using var temp = new TempFolder();
        var path = temp["nested/deeper/steward.duckdb"];
        using (var store = StewardStore.Open(path, Notes))
        {
            store.SchemaVersion("store").Should().Be(1);
            store.SchemaVersion("notes").Should().Be(2);
        }
        File.Exists(path).Should().BeTrue();
        using (var again = StewardStore.Open(path, Notes))
        {
            Convert.ToInt64(again.Scalar("SELECT count(*) FROM schema_version WHERE module = 'notes'")).Should().Be(2);
        }
    }

    [Fact]
    public void A_store_newer_than_the_code_is_refused()
    {
        using var temp = new TempFolder();
        var path = temp["s.duckdb"];
        using (StewardStore.Open(path, Notes)) { }
        var older = new SchemaModule("notes", [Notes.Migrations[0]]);
        var act = () => StewardStore.Open(path, older);
        act.Should().Throw<StewardInputException>().WithMessage("*'notes' schema is at version 2*");
    }

    [Fact]
    public void Importing_the_same_content_twice_adds_nothing()
    {
        using var temp = new TempFolder();
        File.WriteAllLines(temp["a.txt"], ["one", "two"]);
        File.WriteAllLines(temp["copy-of-a.txt"], ["one", "two"]);
        using var store = StewardStore.Open(temp["s.duckdb"], Notes);

        var first = store.ImportFile(temp["a.txt"], "notes", LoadLines);
        var second = store.ImportFile(temp["copy-of-a.txt"], "notes", LoadLines);

        first.AlreadyImported.Should().BeFalse();
        first.Record.Rows.Should().Be(2);
        second.AlreadyImported.Should().BeTrue();
        second.Record.Should().Be(first.Record);
        Count(store, "notes").Should().Be(2);
        store.Imports("notes").Should().ContainSingle();
        // sha256("one\ntwo\n"), computed with: printf 'one\ntwo\n' | sha256sum
        first.Record.Sha256.Should().Be("c3f9c8c283a2b1f2f1896f27a01cbe3cddc0c9d93f752e4639035a0f5b36f6e8");
    }

    [Fact]
    public void A_failed_load_leaves_nothing_behind()
    {
        using var temp = new TempFolder();
        File.WriteAllLines(temp["good.txt"], ["one"]);
        File.WriteAllLines(temp["bad.txt"], ["two", "three", "boom"]);
        using var store = StewardStore.Open(temp["s.duckdb"], Notes);
        store.ImportFile(temp["good.txt"], "notes", LoadLines);

        var act = () => store.ImportFile(temp["bad.txt"], "notes", LoadLines);

        act.Should().Throw<InvalidOperationException>();
        Count(store, "notes").Should().Be(1);
        store.Imports().Should().ContainSingle();
        // The failed file can be imported once fixed; the store is usable after the rollback.
        File.WriteAllLines(temp["bad.txt"], ["two", "three"]);
        store.ImportFile(temp["bad.txt"], "notes", LoadLines).Record.Rows.Should().Be(2);
        Count(store, "notes").Should().Be(3);
    }

    [Fact]
    public void Several_files_are_imported_all_or_none()
    {
        using var temp = new TempFolder();
        File.WriteAllLines(temp["a.txt"], ["a"]);
        File.WriteAllLines(temp["b.txt"], ["boom"]);
        using var store = StewardStore.Open(temp["s.duckdb"], Notes);

        var act = () => store.ImportFiles([temp["a.txt"], temp["b.txt"]], "notes", LoadLines);

        act.Should().Throw<InvalidOperationException>();
        Count(store, "notes").Should().Be(0);
        store.Imports().Should().BeEmpty();
    }

    [Fact]
    public void Duplicates_within_one_batch_are_imported_once()
    {
        using var temp = new TempFolder();
        File.WriteAllLines(temp["a.txt"], ["a"]);
        File.WriteAllLines(temp["b.txt"], ["a"]);
        using var store = StewardStore.Open(temp["s.duckdb"], Notes);

        var outcomes = store.ImportFiles([temp["a.txt"], temp["b.txt"]], "notes", LoadLines);

        outcomes.Select(o => o.AlreadyImported).Should().Equal(false, true);
        Count(store, "notes").Should().Be(1);
    }

    [Fact]
    public void A_missing_file_is_reported_before_anything_is_written()
    {
        using var temp = new TempFolder();
        File.WriteAllLines(temp["a.txt"], ["a"]);
        using var store = StewardStore.Open(temp["s.duckdb"], Notes);

        var act = () => store.ImportFiles([temp["a.txt"], temp["missing.txt"]], "notes", LoadLines);

        act.Should().Throw<FileNotFoundException>();
        Count(store, "notes").Should().Be(0);
    }
}
