using DuckDB.NET.Data;
using Steward.Core.Alignment.Data;
using Steward.Core.Storage;
using Steward.TestSupport;

namespace Steward.Core.Tests.Storage;

/// <summary>
/// Issue 12, items 5 and 8: a store file that is missing, damaged or of another program is one clear
/// input error, and no DuckDB connection of Steward can install or load an extension on its own.
/// </summary>
public class StoreFileSafetyTests
{
    private static string Setting(DuckDBConnection connection, string name)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT current_setting('{name}')::VARCHAR";
        return (string)command.ExecuteScalar()!;
    }

    [Fact]
    public void Every_connection_has_extension_auto_install_and_auto_load_off()
    {
        using var temp = new TempFolder();
        using var file = StewardStore.Open(temp["s.duckdb"]);
        using var memory = StewardStore.InMemory();
        using var table = TableFile.OpenInMemory();
        foreach (var connection in new[] { file.Connection, memory.Connection, table })
        {
            Setting(connection, "autoinstall_known_extensions").Should().Be("false");
            Setting(connection, "autoload_known_extensions").Should().Be("false");
            Setting(connection, "allow_community_extensions").Should().Be("false");
        }
    }

    [Fact]
    public void A_remote_path_does_not_load_httpfs()
    {
        using var store = StewardStore.InMemory();
        var act = () => store.Scalar("SELECT count(*) FROM read_csv('https://example.invalid/costs.csv')");
        // Without auto-load DuckDB names the missing extension instead of fetching it.
        act.Should().Throw<DuckDBException>().WithMessage("*httpfs*");
        store.Scalar("SELECT count(*) FROM duckdb_extensions() WHERE extension_name = 'httpfs' AND (loaded OR installed)").Should().Be(0L);
    }

    [Fact]
    public void A_SQLite_file_is_not_a_DuckDB_store_and_nothing_is_loaded()
    {
        using var temp = new TempFolder();
        var path = temp["costs.sqlite"];
        // A SQLite database header (the 16-byte magic, page size 4096) and an empty first page.
        var bytes = new byte[4096];
        "SQLite format 3\0"u8.CopyTo(bytes);
        bytes[16] = 0x10;
        bytes[18] = 1;
        bytes[19] = 1;
        File.WriteAllBytes(path, bytes);

        var act = () => StewardStore.Open(path);

        act.Should().Throw<StewardInputException>().WithMessage($"store {path} is not a DuckDB store (it is a SQLite database)");
        File.ReadAllBytes(path).Should().Equal(bytes);
    }

    [Fact]
    public void A_read_of_a_missing_store_names_it_and_creates_nothing()
    {
        using var temp = new TempFolder();
        var path = temp["typo.duckdb"];

        var act = () => StewardStore.OpenExisting(path, "import something first");

        act.Should().Throw<StewardInputException>().WithMessage($"{path}: no Steward store (import something first)");
        File.Exists(path).Should().BeFalse();
    }

    [Fact]
    public void A_half_truncated_store_is_damaged()
    {
        using var temp = new TempFolder();
        var path = temp["s.duckdb"];
        using (var store = StewardStore.Open(path))
        {
            // Enough rows for several 256 KiB blocks.
            store.Execute("CREATE TABLE numbers AS SELECT range AS n, 'row ' || range AS text FROM range(300000)");
            store.Execute("CHECKPOINT");
        }
        var length = new FileInfo(path).Length;
        using (var stream = new FileStream(path, FileMode.Open))
            stream.SetLength(length / 2);

        // DuckDB reads blocks lazily: opening may fail (metadata lost) or a read reaching a lost block
        // does; either way the error names the store as damaged.
        string? message = null;
        try
        {
            using var store = StewardStore.Open(path);
            store.Scalar("SELECT sum(n) + sum(length(text)) FROM numbers");
        }
        catch (StewardInputException ex)
        {
            message = ex.Message;
        }
        catch (DuckDBException ex)
        {
            message = StoreDamage.Describe(ex);
        }

        message.Should().Match($"store {path} is damaged or not a Steward store (*)");
    }

    [Fact]
    public void A_file_that_is_not_a_database_is_damaged()
    {
        using var temp = new TempFolder();
        var path = temp.Write("notes.duckdb", "not a database, just text that is long enough for a header");

        var act = () => StewardStore.Open(path);

        act.Should().Throw<StewardInputException>().WithMessage($"store {path} is damaged or not a Steward store (not a DuckDB database file)");
    }

    [Fact]
    public void A_DuckDB_database_of_another_program_is_not_written_into()
    {
        using var temp = new TempFolder();
        var path = temp["other.duckdb"];
        using (var connection = new DuckDBConnection(DuckDbSettings.Builder(path).ToString()))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE orders (id INTEGER)";
            command.ExecuteNonQuery();
        }

        var act = () => StewardStore.Open(path);

        act.Should().Throw<StewardInputException>()
            .WithMessage($"store {path} is damaged or not a Steward store (a DuckDB database without Steward's schema_version table)");
    }

    [Fact]
    public void A_healthy_store_reopens_after_deletes_and_checkpoints()
    {
        // The length check must never refuse a store DuckDB itself wrote: grow, shrink, reopen.
        using var temp = new TempFolder();
        var path = temp["s.duckdb"];
        using (var store = StewardStore.Open(path))
        {
            store.Execute("CREATE TABLE numbers AS SELECT range AS n, 'row ' || range AS text FROM range(300000)");
            store.Execute("CHECKPOINT");
            store.Execute("DELETE FROM numbers WHERE n > 1000");
            store.Execute("CHECKPOINT");
        }
        using (var store = StewardStore.Open(path))
        {
            store.Execute("DROP TABLE numbers");
            store.Execute("CHECKPOINT");
        }
        using var again = StewardStore.Open(path);
        again.SchemaVersion("store").Should().Be(1);
    }
}
