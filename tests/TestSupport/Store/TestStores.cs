using Steward.Core.Storage;

namespace Steward.TestSupport;

/// <summary>
/// A fresh store of either engine for contract tests: a DuckDB file in a temporary folder, or a new
/// database on the shared throw-away PostgreSQL server (<see cref="PostgresServer"/>). Every store
/// implementation passes the same tests: write them as <c>[Theory, MemberData(nameof(TestStores.Engines), MemberType = typeof(TestStores))]</c>.
/// </summary>
internal sealed class TestStore : IDisposable
{
    private readonly string? folder;

    private TestStore(StoreEngine engine, string address, string? folder)
    {
        Engine = engine;
        Address = address;
        this.folder = folder;
    }

    public StoreEngine Engine { get; }

    /// <summary>What <c>--store</c> takes: the DuckDB file's path or the PostgreSQL URL (password in a password file).</summary>
    public string Address { get; }

    public static TestStore Create(StoreEngine engine)
    {
        if (engine == StoreEngine.PostgreSql)
            return new TestStore(engine, PostgresServer.Shared.CreateDatabase(), null);
        var folder = Path.Combine(Path.GetTempPath(), "steward-store-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(folder);
        return new TestStore(engine, Path.Combine(folder, "steward.duckdb"), folder);
    }

    /// <summary>Opens the store with the given modules' schemas.</summary>
    public IStewardStore Open(params SchemaModule[] modules) => Stores.Open(Address, modules);

    public override string ToString() => Engine.ToString();

    public void Dispose()
    {
        if (folder is not null)
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
    }
}

internal static class TestStores
{
    /// <summary>Every store engine, for <c>MemberData</c>.</summary>
    public static TheoryData<StoreEngine> Engines => new(StoreEngine.DuckDb, StoreEngine.PostgreSql);
}
