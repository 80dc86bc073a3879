using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using Steward.TestSupport;

namespace Steward.Server.Tests.Dashboard;

/// <summary>
/// Who may see the dashboard and call the API: open reading (and refused ingestion) without --token-file,
/// bearer tokens, the session cookie of /login, and the trusted header of an authenticating proxy.
/// </summary>
public sealed class DashboardAuthTests : IAsyncLifetime
{
    private const string ReadToken = "read-token-of-the-dashboard-auth-tests";
    private const string IngestToken = "ingest-token-of-the-dashboard-auth-tests";
    private const string Usage = "timestamp,cluster,namespace,pod,container,node,cpu_request_cores,cpu_usage_cores,memory_request_bytes,memory_usage_bytes,gpu_count,gpu_utilization,node_cpu_cores,node_memory_bytes,node_gpus\n";

    private readonly TempFolder temp = new();
    private readonly List<WebApplication> apps = [];
    private readonly List<string> log = [];

    public ValueTask InitializeAsync()
    {
        temp.Write("tokens.yaml", $"""
            - name: viewer
              sha256: {ServerTestSupport.Sha256Hex(ReadToken)}
              scopes: [read]
            - name: collector
              sha256: {ServerTestSupport.Sha256Hex(IngestToken)}
              scopes: [ingest]
            """);
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var app in apps)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
        temp.Dispose();
    }

    [Fact]
    public async Task Without_a_token_file_the_dashboard_and_the_read_api_are_open_ingestion_is_refused_naming_the_flag_and_serve_warns()
    {
        var http = await Start(tokens: false);

        (await Send(http, HttpMethod.Get, "/")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await Send(http, HttpMethod.Get, "/findings")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await Send(http, HttpMethod.Get, "/api/v1/findings")).StatusCode.Should().Be(HttpStatusCode.OK);
        using var ingest = await Send(http, HttpMethod.Post, "/api/v1/usage", body: Usage);
        ingest.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        ingest.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var detail = JsonDocument.Parse(await ingest.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement.GetProperty("detail").GetString();
        detail.Should().Contain("--token-file");
        log.Should().Contain(line => line.Contains("No --token-file: the dashboard and the read API are open", StringComparison.Ordinal));
    }

    [Fact]
    public async Task With_a_token_file_a_browser_is_sent_to_login_and_a_bearer_token_with_the_read_scope_is_let_in()
    {
        var http = await Start(tokens: true);

        using var anonymous = await Send(http, HttpMethod.Get, "/findings?severity=error");
        anonymous.StatusCode.Should().Be(HttpStatusCode.Redirect);
        anonymous.Headers.Location!.ToString().Should().Be("/login?next=%2Ffindings%3Fseverity%3Derror");
        (await Send(http, HttpMethod.Get, "/", bearer: ReadToken)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await Send(http, HttpMethod.Get, "/", bearer: IngestToken)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await Send(http, HttpMethod.Get, "/", bearer: "not-a-token")).StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await Send(http, HttpMethod.Get, "/api/v1/findings")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await Send(http, HttpMethod.Get, "/login")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await Send(http, HttpMethod.Get, "/dashboard/site.css")).StatusCode.Should().Be(HttpStatusCode.OK, "the stylesheet holds no data");
    }

    [Fact]
    public async Task The_login_form_sets_an_http_only_same_site_strict_cookie_that_reads_but_never_ingests()
    {
        var http = await Start(tokens: true);

        using var wrong = await Login(http, "not-a-token", "/costs");
        wrong.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        wrong.Headers.Contains("Set-Cookie").Should().BeFalse();
        using var ingestOnly = await Login(http, IngestToken, "/costs");
        ingestOnly.StatusCode.Should().Be(HttpStatusCode.Unauthorized, "an ingest token cannot read");

        using var login = await Login(http, ReadToken, "/costs");
        login.StatusCode.Should().Be(HttpStatusCode.Redirect);
        login.Headers.Location!.ToString().Should().Be("/costs");
        var cookie = login.Headers.GetValues("Set-Cookie").Single();
        cookie.Should().StartWith("steward_session=").And.Contain("httponly").And.Contain("samesite=strict").And.Contain("path=/").And.Contain("max-age=43200");
        cookie.Should().NotContain("secure", "the server speaks plain HTTP");
        var session = cookie.Split(';')[0];

        (await Send(http, HttpMethod.Get, "/", cookie: session)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await Send(http, HttpMethod.Get, "/api/v1/findings", cookie: session)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await Send(http, HttpMethod.Post, "/api/v1/usage", body: Usage, cookie: session)).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "a cookie never authorises a write");
        (await Send(http, HttpMethod.Get, "/", cookie: "steward_session=forged")).StatusCode.Should().Be(HttpStatusCode.Redirect);

        using var away = await Login(http, ReadToken, "//evil.example/");
        away.Headers.Location!.ToString().Should().Be("/", "only paths of this server are returned to");
        using var crossSite = await Login(http, ReadToken, "/", origin: "https://evil.example");
        crossSite.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        crossSite.Headers.Contains("Set-Cookie").Should().BeFalse();
    }

    [Fact]
    public async Task The_header_of_an_authenticating_proxy_is_trusted_only_when_named_and_only_for_reading()
    {
        var proxied = await Start(tokens: false, proxyHeader: "X-Forwarded-User");
        var unnamed = await Start(tokens: true);

        (await Send(proxied, HttpMethod.Get, "/")).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "no open reading once a proxy header is named");
        using var page = await Send(proxied, HttpMethod.Get, "/", headers: ("X-Forwarded-User", "alice@example.com"));
        page.StatusCode.Should().Be(HttpStatusCode.OK);
        (await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Should().Contain("proxy:alice@example.com");
        (await Send(proxied, HttpMethod.Get, "/api/v1/findings", headers: ("X-Forwarded-User", "alice@example.com"))).StatusCode.Should().Be(HttpStatusCode.OK);
        (await Send(proxied, HttpMethod.Post, "/api/v1/usage", body: Usage, headers: ("X-Forwarded-User", "alice@example.com"))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await Send(unnamed, HttpMethod.Get, "/", headers: ("X-Forwarded-User", "alice@example.com"))).StatusCode.Should().Be(HttpStatusCode.Redirect, "a header not named by --auth-proxy-header is not trusted");
    }

    [Fact]
    public void A_proxy_header_that_is_not_a_header_name_stops_the_start()
    {
        var start = () => StewardServer.Build(new ServeOptions { Repository = RepositoryPaths.InRepository("examples", "governance"), AuthProxyHeader = "X-User: admin" }, _ => { });
        start.Should().Throw<Core.StewardInputException>().WithMessage("--auth-proxy-header X-User: admin: expected a header name such as X-Forwarded-User");
    }

    private async Task<HttpClient> Start(bool tokens, string? proxyHeader = null)
    {
        var options = new ServeOptions
        {
            Repository = RepositoryPaths.InRepository("examples", "governance"),
            Listen = "127.0.0.1:0",
            Store = temp[$"store{apps.Count}/steward.duckdb"],
            TokenFile = tokens ? temp["tokens.yaml"] : null,
            AuthProxyHeader = proxyHeader,
        };
        var app = StewardServer.Build(options, logging => logging.AddProvider(new ListLogger(log)));
        await app.StartAsync(TestContext.Current.CancellationToken);
        apps.Add(app);
        return new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = new Uri(StewardServer.Addresses(app).Single()) };
    }

    private static async Task<HttpResponseMessage> Send(HttpClient http, HttpMethod method, string path, string? bearer = null, string? cookie = null, string? body = null,
        params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(method, path);
        if (bearer is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        if (cookie is not null) request.Headers.Add("Cookie", cookie);
        foreach (var (name, value) in headers) request.Headers.Add(name, value);
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, "text/csv");
        return await http.SendAsync(request, TestContext.Current.CancellationToken);
    }

    private static async Task<HttpResponseMessage> Login(HttpClient http, string token, string next, string? origin = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/login")
        {
            Content = new FormUrlEncodedContent([new("token", token), new("next", next)]),
        };
        if (origin is not null) request.Headers.Add("Origin", origin);
        return await http.SendAsync(request, TestContext.Current.CancellationToken);
    }

    /// <summary>Keeps the server's log lines.</summary>
    private sealed class ListLogger(List<string> lines) : ILoggerProvider, ILogger
    {
        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (lines) lines.Add(formatter(state, exception));
        }

        public void Dispose() { }
    }
}
