using DuckDB.NET.Data;
using Steward.Core.Storage;
using Steward.TestSupport;

namespace Steward.Core.Tests.Storage;

/// <summary>
/// Issue 12, item 6: an import that fails for any reason leaves the store exactly as before, whether
/// its rows went in through SQL or through DuckDB's Appender, and whether the failure is Steward's
/// or DuckDB's own (an arithmetic overflow after the rows were written).
/// </summary>
public class ImportAtomicityTests
{
    private static readonly SchemaModule Values = new("values",
    [
        new Migration(1, "values table", "CREATE TABLE amounts (import_id BIGINT NOT NULL, amount DECIMAL(38,12) NOT NULL);"),
    ]);

    private static long Count(IStewardStore store) => Convert.ToInt64(store.Scalar("SELECT count(*) FROM amounts"));

    private static string File(TempFolder temp, string name, string content)
    {
        System.IO.File.WriteAllText(temp[name], content);
        return temp[name];
    }

    [Fact]
    public void Rows_appended_with_the_Appender_are_rolled_back_with_the_import()
    {
        using var temp = new TempFolder();
        using var store = StewardStore.Open(temp["s.duckdb"], Values);
        store.ImportFile(File(temp, "first.txt", "first"), "amounts", c =>
        {
            store.Execute("INSERT INTO amounts VALUES ($id, 1)", ("id", c.ImportId));
            return 1;
        });
        var before = store.Imports();

        var act = () => store.ImportFile(File(temp, "second.txt", "second"), "amounts", context =>
        {
            using (var appender = StoreBackend.DuckDb(context.Store).CreateAppender("amounts"))
            {
                for (var i = 0; i < 5000; i++)
                    appender.CreateRow().AppendValue(context.ImportId).AppendValue((decimal)i).EndRow();
            }
            // The appender is closed (its rows flushed into the transaction) before the failure.
            Count(context.Store).Should().Be(5001);
            throw new InvalidOperationException("the file turned out to be bad");
        });

        act.Should().Throw<InvalidOperationException>();
        Count(store).Should().Be(1);
        store.Imports().Should().Equal(before);
    }

    [Fact]
    public void An_overflow_inside_DuckDB_after_the_rows_are_written_leaves_the_store_as_it_was()
    {
        using var temp = new TempFolder();
        using var store = StewardStore.Open(temp["s.duckdb"], Values);

        var act = () => store.ImportFile(File(temp, "big.txt", "big"), "amounts", context =>
        {
            context.Store.Execute("INSERT INTO amounts VALUES ($id, 99999999999999999999999999), ($id, 99999999999999999999999999)", ("id", context.ImportId));
            return Convert.ToInt64(context.Store.Scalar("SELECT sum(amount) FROM amounts"));
        });

        act.Should().Throw<DuckDBException>().WithMessage("*Overflow in HUGEINT addition*");
        Count(store).Should().Be(0);
        store.Imports().Should().BeEmpty();
        // And the store is usable: the same file imports once it loads sensibly.
        store.ImportFile(temp["big.txt"], "amounts", c => store.Execute("INSERT INTO amounts VALUES ($id, 1)", ("id", c.ImportId))).AlreadyImported.Should().BeFalse();
        Count(store).Should().Be(1);
    }

    [Fact]
    public void A_failed_import_is_not_visible_after_reopening_the_file()
    {
        using var temp = new TempFolder();
        var path = temp["s.duckdb"];
        using (var store = StewardStore.Open(path, Values))
        {
            var act = () => store.ImportFile(File(temp, "x.txt", "x"), "amounts", context =>
            {
                context.Store.Execute("INSERT INTO amounts VALUES ($id, 1)", ("id", context.ImportId));
                throw new InvalidOperationException("bad");
            });
            act.Should().Throw<InvalidOperationException>();
        }
        using var reopened = StewardStore.Open(path, Values);
        Count(reopened).Should().Be(0);
        reopened.Imports().Should().BeEmpty();
    }
}
