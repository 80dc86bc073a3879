using System.Globalization;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Steward.Core.Storage;
using Steward.Server.Tests.Ingestion;
using Steward.TestSupport;

namespace Steward.Server.Tests.Otlp;

/// <summary>
/// <c>steward serve</c> in-process on a loopback port over a repository written here, whose Monitor
/// <c>support-bot</c> maps OpenTelemetry attributes to its columns (spec.telemetry), with the ingestion
/// server's token file (an ingest-scoped and a read-scoped token) and a store in a temporary folder.
/// </summary>
internal sealed class OtlpServer : IAsyncDisposable
{
    public const string MonitorYaml = """
        apiVersion: steward.dev/v1alpha1
        kind: Monitor
        metadata:
          name: support-bot
        spec:
          model: support-bot
          reference: data/reference.csv
          features: [prompt_tokens, locale]
          categoricalFeatures: [locale]
          prediction: resolved
          label: resolved_by_review
          protectedAttributes: [region]
          telemetry:
            features:
              prompt_tokens: gen_ai.usage.input_tokens
              locale: app.locale
            prediction: app.resolved
            label: app.review.resolved
            protectedAttributes:
              region: user.region
          metrics:
            demographic_parity_difference: {max: 0.2}
            accuracy: {min: 0.9}
          window: daily
        """;

    private readonly WebApplication app;

    private OtlpServer(TempFolder temp, WebApplication app, Uri address)
    {
        Temp = temp;
        this.app = app;
        Address = address;
    }

    public TempFolder Temp { get; }

    public string Repository => Temp["repo"];

    public string Store => Temp["store/steward.duckdb"];

    public Uri Address { get; }

    public static async Task<OtlpServer> StartAsync(Action<TempFolder>? extra = null)
    {
        var temp = new TempFolder();
        temp.Write("repo/monitors/support-bot.yaml", MonitorYaml);
        temp.Write("repo/data/reference.csv", "prompt_tokens,locale,resolved,resolved_by_review,region\n100,en,1,1,north\n140,de,0,0,south\n120,en,1,0,north\n160,de,0,1,south\n");
        extra?.Invoke(temp);
        var app = StewardServer.Build(new ServeOptions
        {
            Repository = temp["repo"],
            Listen = "127.0.0.1:0",
            Store = temp["store/steward.duckdb"],
            TokenFile = IngestionServer.WriteTokenFile(temp),
        }, _ => { });
        await app.StartAsync(TestContext.Current.CancellationToken);
        return new OtlpServer(temp, app, new Uri(StewardServer.Addresses(app).Single()));
    }

    public Uri Endpoint(string signal) => new(Address, "/v1/" + signal);

    public HttpClient Client(string? token = IngestionServer.IngestToken)
    {
        var client = new HttpClient { BaseAddress = Address };
        if (token is not null)
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>The stored inference rows, oldest first: model, version, ts (ISO, microseconds), request id and the data document.</summary>
    public List<StoredRow> Rows()
    {
        if (!File.Exists(Store)) return [];
        using var store = StewardStore.Open(Store);
        var exists = Convert.ToInt64(store.Scalar("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'inferences'"), CultureInfo.InvariantCulture);
        if (exists == 0) return [];
        using var command = store.Command("SELECT model, version, strftime(ts, '%Y-%m-%dT%H:%M:%S.%f'), request_id, data FROM inferences ORDER BY ts, row_number");
        using var reader = command.ExecuteReader();
        var rows = new List<StoredRow>();
        while (reader.Read())
            rows.Add(new StoredRow(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3),
                System.Text.Json.JsonDocument.Parse(reader.GetString(4)).RootElement.Clone()));
        return rows;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync(CancellationToken.None);
        await app.DisposeAsync();
        Temp.Dispose();
    }
}

internal sealed record StoredRow(string Model, string Version, string Ts, string? RequestId, System.Text.Json.JsonElement Data);
