using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Steward.Core.Storage;
using Steward.TestSupport;

namespace Steward.Server.Tests.Ingestion;

/// <summary>
/// <c>steward serve</c> started in-process on a loopback port over the example repository, with a token
/// file written here (one token per scope) and a store in a temporary folder.
/// </summary>
internal sealed class IngestionServer : IAsyncDisposable
{
    public const string IngestToken = "ingest-token-0123456789";
    public const string ReadToken = "read-token-0123456789";

    private readonly TempFolder temp;
    private readonly WebApplication app;

    private IngestionServer(TempFolder temp, WebApplication app, string store, Uri address)
    {
        this.temp = temp;
        this.app = app;
        Store = store;
        Address = address;
    }

    public string Store { get; }

    public Uri Address { get; }

    public TempFolder Temp => temp;

    public static async Task<IngestionServer> StartAsync()
    {
        var temp = new TempFolder();
        var tokens = WriteTokenFile(temp);
        var store = temp["store/steward.duckdb"];
        var app = StewardServer.Build(new ServeOptions
        {
            Repository = RepositoryPaths.InRepository("examples", "governance"),
            Listen = "127.0.0.1:0",
            Store = store,
            TokenFile = tokens,
        }, _ => { });
        await app.StartAsync(TestContext.Current.CancellationToken);
        return new IngestionServer(temp, app, store, new Uri(StewardServer.Addresses(app).Single()));
    }

    /// <summary>A token file with an ingest-scoped and a read-scoped token, as hex SHA-256 (as an operator writes it).</summary>
    public static string WriteTokenFile(TempFolder temp) => temp.Write("tokens.yaml", $"""
        - name: collector
          sha256: {Sha256(IngestToken)}
          scopes: [ingest]
        - name: dashboard
          sha256: {Sha256(ReadToken)}
          scopes: [read]
        """);

    public static string Sha256(string text) => ServerTestSupport.Sha256Hex(text);

    public HttpClient Client(string? token = IngestToken)
    {
        var client = new HttpClient { BaseAddress = Address };
        if (token is not null)
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Runs a query on the store (opened for the query only, as the server opens it per batch).</summary>
    public T Query<T>(Func<StewardStore, T> read) => Read(Store, read);

    public static T Read<T>(string store, Func<StewardStore, T> read)
    {
        using var opened = StewardStore.Open(store);
        return read(opened);
    }

    /// <summary>A count from the store; 0 when the store or the table does not exist yet (nothing was ever stored).</summary>
    public long Count(string table, string where = "true", params (string Name, object? Value)[] parameters)
    {
        if (!File.Exists(Store)) return 0;
        return Query(store =>
        {
            var exists = Convert.ToInt64(store.Scalar("SELECT count(*) FROM duckdb_tables() WHERE table_name = $t", ("t", table)), System.Globalization.CultureInfo.InvariantCulture)
                + Convert.ToInt64(store.Scalar("SELECT count(*) FROM duckdb_views() WHERE view_name = $t", ("t", table)), System.Globalization.CultureInfo.InvariantCulture);
            return exists == 0 ? 0 : Convert.ToInt64(store.Scalar($"SELECT count(*) FROM {table} WHERE {where}", parameters), System.Globalization.CultureInfo.InvariantCulture);
        });
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync(CancellationToken.None);
        await app.DisposeAsync();
        temp.Dispose();
    }
}
