using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Steward.Core.Tests.Integrations;

/// <summary>One request as the local server received it: the raw request target (path and query as sent, %2F kept), headers and body.</summary>
internal sealed record RecordedRequest(string Method, string RawTarget, string Path, IReadOnlyDictionary<string, string> Query, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string BodyText => Encoding.UTF8.GetString(Body);

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}

/// <summary>What the local server answers: a status, a body and extra headers (Retry-After).</summary>
internal sealed record Answer(int Status, string Body = "", IReadOnlyDictionary<string, string>? Headers = null)
{
    public static Answer Json(int status, string body) => new(status, body);
}

/// <summary>
/// A real HTTP server on 127.0.0.1 and a free port (Kestrel), answering each request with a script,
/// so that forge and notifier clients are tested over the wire as GitHub and GitLab would see them.
/// </summary>
internal sealed class LocalHttpServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<RecordedRequest> _requests = [];

    private LocalHttpServer(WebApplication app) => _app = app;

    public Uri Address { get; private set; } = null!;

    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_requests) return _requests.ToList();
        }
    }

    public static async Task<LocalHttpServer> StartAsync(Func<RecordedRequest, int, Answer> answer)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new LocalHttpServer(app);
        app.Run(async http =>
        {
            using var body = new MemoryStream();
            await http.Request.Body.CopyToAsync(body);
            var recorded = new RecordedRequest(
                http.Request.Method,
                http.Features.Get<IHttpRequestFeature>()!.RawTarget,
                http.Request.Path.Value ?? "",
                http.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal),
                http.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
                body.ToArray());
            int index;
            lock (server._requests)
            {
                server._requests.Add(recorded);
                index = server._requests.Count - 1;
            }
            var reply = answer(recorded, index);
            http.Response.StatusCode = reply.Status;
            foreach (var (name, value) in reply.Headers ?? new Dictionary<string, string>()) http.Response.Headers[name] = value;
            if (reply.Body.Length > 0)
            {
                http.Response.ContentType = "application/json; charset=utf-8";
                await http.Response.WriteAsync(reply.Body);
            }
        });
        await app.StartAsync(TestContext.Current.CancellationToken);
        server.Address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }
}
