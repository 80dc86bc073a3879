using Npgsql;
using Steward.Core.Storage;
using Steward.TestSupport;

namespace Steward.Core.Tests.Storage;

/// <summary>
/// Issue 17, item 4: the contract every store implementation keeps, run against the embedded DuckDB
/// file and a real PostgreSQL server (<see cref="PostgresServer"/>): imports are atomic and
/// idempotent, schemas migrate once, and on PostgreSQL the concurrency is by design: two writers of
/// one file store it once, two different files load in parallel, a reader never sees half an import.
/// </summary>
public class StoreContractTests
{
    private static readonly SchemaModule Values = new("contract-values",
    [
        new Migration(1, "amounts", "CREATE TABLE amounts (import_id BIGINT NOT NULL, amount DECIMAL(38,12) NOT NULL);"),
    ])
    {
        PostgresMigrations = [new Migration(1, "amounts", "CREATE TABLE amounts (import_id BIGINT NOT NULL, amount NUMERIC(38,12) NOT NULL);")],
    };

    public static TheoryData<StoreEngine> Engines => TestStores.Engines;

    private static long Count(IStewardStore store) => Convert.ToInt64(store.Scalar("SELECT count(*) FROM amounts"));

    private static string File(TempFolder temp, string name, string content)
    {
        System.IO.File.WriteAllText(temp[name], content);
        return temp[name];
    }

    private static long Load(ImportContext context, params decimal[] amounts)
    {
        foreach (var amount in amounts)
            context.Store.Execute("INSERT INTO amounts VALUES ($id, $amount)", ("id", context.ImportId), ("amount", amount));
        return amounts.Length;
    }

    [Theory, MemberData(nameof(Engines))]
    public void The_same_content_is_imported_once(StoreEngine engine)
    {
        using var temp = new TempFolder();
        using var test = TestStore.Create(engine);
        using var store = test.Open(Values);
        var first = store.ImportFile(File(temp, "a.csv", "same"), "amounts", c => Load(c, 1.5m, 2.25m));
        var again = store.ImportFile(File(temp, "b.csv", "same"), "amounts", c => Load(c, 99m));

        first.AlreadyImported.Should().BeFalse();
        first.Record.Rows.Should().Be(2);
        again.AlreadyImported.Should().BeTrue();
        again.Record.Should().Be(first.Record);
        Count(store).Should().Be(2);
        store.Imports().Should().Equal(first.Record);
        store.Imports("other").Should().BeEmpty();
        // The exact decimal survives the store: 1.5 + 2.25.
        Convert.ToDecimal(store.Scalar("SELECT sum(amount) FROM amounts")).Should().Be(3.75m);
    }

    [Theory, MemberData(nameof(Engines))]
    public void A_failing_import_leaves_nothing_behind(StoreEngine engine)
    {
        using var temp = new TempFolder();
        using var test = TestStore.Create(engine);
        using var store = test.Open(Values);
        var act = () => store.ImportFiles([File(temp, "a.csv", "a"), File(temp, "b.csv", "b")], "amounts", c =>
        {
            Load(c, 1m);
            if (c.Path.EndsWith("b.csv", StringComparison.Ordinal))
                throw new InvalidOperationException("b is bad");
            return 1;
        });

        act.Should().Throw<InvalidOperationException>().WithMessage("b is bad");
        Count(store).Should().Be(0);
        store.Imports().Should().BeEmpty();
        // The store stays usable and the file imports once it loads.
        store.ImportFile(temp["a.csv"], "amounts", c => Load(c, 1m)).AlreadyImported.Should().BeFalse();
        Count(store).Should().Be(1);
    }

    [Theory, MemberData(nameof(Engines))]
    public void A_set_of_files_reports_duplicates_within_it(StoreEngine engine)
    {
        using var temp = new TempFolder();
        using var test = TestStore.Create(engine);
        using var store = test.Open(Values);
        var outcomes = store.ImportFiles([File(temp, "a.csv", "x"), File(temp, "b.csv", "y"), File(temp, "c.csv", "x")], "amounts", c => Load(c, 1m));

        outcomes.Select(o => o.AlreadyImported).Should().Equal(false, false, true);
        outcomes[2].Record.Should().Be(outcomes[0].Record);
        outcomes.Select(o => o.Record.ImportId).Distinct().Should().HaveCount(2);
        Count(store).Should().Be(2);
    }

    [Theory, MemberData(nameof(Engines))]
    public void Migrations_are_recorded_once_and_reopening_applies_nothing(StoreEngine engine)
    {
        using var test = TestStore.Create(engine);
        using (var store = test.Open(Values))
            store.SchemaVersion("contract-values").Should().Be(1);
        using (var store = test.Open(Values))
        {
            store.SchemaVersion("contract-values").Should().Be(1);
            store.SchemaVersion(CoreSchema.ModuleName).Should().Be(1);
            Convert.ToInt64(store.Scalar("SELECT count(*) FROM schema_version WHERE module = $m", ("m", "contract-values"))).Should().Be(1);
        }
    }

    [Theory, MemberData(nameof(Engines))]
    public void A_store_newer_than_this_Steward_is_refused_with_an_upgrade_message(StoreEngine engine)
    {
        using var test = TestStore.Create(engine);
        using (var store = test.Open(Values))
            store.Execute("INSERT INTO schema_version VALUES ('contract-values', 7, 'from the future', now())");
        var act = () => test.Open(Values);
        act.Should().Throw<StewardInputException>().WithMessage("*'contract-values' schema is at version 7, newer than this Steward knows (1); upgrade Steward.");
    }

    [Fact]
    public void Replicas_starting_at_once_migrate_once()
    {
        using var test = TestStore.Create(StoreEngine.PostgreSql);
        var stores = Enumerable.Range(0, 8).AsParallel().WithDegreeOfParallelism(8).Select(_ => test.Open(Values)).ToList();
        try
        {
            stores.Should().AllSatisfy(s => s.SchemaVersion("contract-values").Should().Be(1));
            Convert.ToInt64(stores[0].Scalar("SELECT count(*) FROM schema_version")).Should().Be(2);
        }
        finally
        {
            stores.ForEach(s => s.Dispose());
        }
    }

    [Fact]
    public async Task Two_replicas_importing_the_same_file_at_once_store_it_once()
    {
        using var temp = new TempFolder();
        using var test = TestStore.Create(StoreEngine.PostgreSql);
        var path = File(temp, "bill.csv", "the same bill");
        using var loading = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        using var first = test.Open(Values);
        using var second = test.Open(Values);

        // The first import holds its transaction open inside the loader; the second starts meanwhile.
        var a = Task.Run(() => first.ImportFile(path, "amounts", c =>
        {
            Load(c, 10m);
            loading.Set();
            release.Wait(TimeSpan.FromSeconds(30)).Should().BeTrue();
            return 1;
        }), TestContext.Current.CancellationToken);
        loading.Wait(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken).Should().BeTrue();
        var secondLoaderRan = false;
        var b = Task.Run(() => second.ImportFile(path, "amounts", c => { secondLoaderRan = true; return Load(c, 10m); }), TestContext.Current.CancellationToken);
        // The second waits on the first's lock rather than loading the file a second time.
        (await Task.WhenAny(b, Task.Delay(500, TestContext.Current.CancellationToken))).Should().NotBeSameAs(b);
        release.Set();

        var outcomes = await Task.WhenAll(a, b).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        outcomes[0].AlreadyImported.Should().BeFalse();
        outcomes[1].AlreadyImported.Should().BeTrue();
        outcomes[1].Record.Should().Be(outcomes[0].Record);
        secondLoaderRan.Should().BeFalse();
        Count(first).Should().Be(1);
    }

    [Fact]
    public async Task Two_different_files_import_in_parallel_and_readers_never_see_half_of_either()
    {
        using var temp = new TempFolder();
        using var test = TestStore.Create(StoreEngine.PostgreSql);
        using var first = test.Open(Values);
        using var second = test.Open(Values);
        using var reader = test.Open(Values);
        // Both loaders must be inside their transactions at the same time to pass the barrier: were
        // imports serialised, the barrier would time out.
        using var barrier = new Barrier(3);
        var a = Task.Run(() => first.ImportFile(File(temp, "a.csv", "a"), "amounts", c => { Load(c, 1m, 2m); barrier.SignalAndWait(TimeSpan.FromSeconds(30)).Should().BeTrue(); barrier.SignalAndWait(TimeSpan.FromSeconds(30)); return 2; }), TestContext.Current.CancellationToken);
        var b = Task.Run(() => second.ImportFile(File(temp, "b.csv", "b"), "amounts", c => { Load(c, 3m); barrier.SignalAndWait(TimeSpan.FromSeconds(30)).Should().BeTrue(); barrier.SignalAndWait(TimeSpan.FromSeconds(30)); return 1; }), TestContext.Current.CancellationToken);

        barrier.SignalAndWait(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken).Should().BeTrue();
        // Both imports have written their rows and not committed: a reader sees neither.
        Count(reader).Should().Be(0);
        reader.Imports().Should().BeEmpty();
        barrier.SignalAndWait(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        (await Task.WhenAll(a, b).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken)).Should().OnlyContain(o => !o.AlreadyImported);
        Count(reader).Should().Be(3);
        reader.Imports().Should().HaveCount(2);
    }

    [Fact]
    public void An_unreachable_server_is_one_input_error_naming_the_address_without_credentials()
    {
        var port = PostgresServer.Shared.Port;
        // A port nobody listens on (the server's own plus one is free in practice; the message is what matters).
        var act = () => Stores.Open($"postgresql://nobody@127.0.0.1:1/steward?connect_timeout=2");
        act.Should().Throw<StewardInputException>().Which.Message.Should()
            .StartWith("postgresql://nobody@127.0.0.1:1/steward: cannot connect to the PostgreSQL store: ");
        port.Should().BePositive();
    }

    [Fact]
    public void A_wrong_password_is_an_input_error_not_a_crash()
    {
        using var temp = new TempFolder();
        var passfile = temp["pgpass"];
        System.IO.File.WriteAllText(passfile, $"127.0.0.1:{PostgresServer.Shared.Port}:*:{PostgresServer.User}:wrong\n");
        var act = () => Stores.Open($"postgresql://{PostgresServer.User}@127.0.0.1:{PostgresServer.Shared.Port}/postgres?passfile={Uri.EscapeDataString(passfile)}");
        act.Should().Throw<StewardInputException>().WithMessage("*cannot connect to the PostgreSQL store: password authentication failed for user \"steward\" (28P01)");
    }

    [Fact]
    public void The_test_server_is_a_real_PostgreSQL()
    {
        using var connection = new NpgsqlConnection(PostgresServer.Shared.AdminConnectionString("postgres"));
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SHOW server_version_num";
        Convert.ToInt32(command.ExecuteScalar()).Should().BeGreaterThanOrEqualTo(130000);
    }
}
