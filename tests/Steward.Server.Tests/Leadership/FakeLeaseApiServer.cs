using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Steward.TestSupport;

namespace Steward.Server.Tests.Leadership;

/// <summary>
/// The Lease endpoints of a Kubernetes API server, as it answers them: GET 404 when absent, POST
/// 409 when it exists, PUT with optimistic concurrency (a body whose metadata.resourceVersion is not
/// the current one answers 409 Conflict). Every write is recorded, so tests can see a release.
/// A kubeconfig file points at it.
/// </summary>
internal sealed class FakeLeaseApiServer : IAsyncDisposable
{
    private const string Prefix = "/apis/coordination.k8s.io/v1/namespaces/{ns}/leases";
    private readonly WebApplication _app;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, JsonObject> _leases = new(StringComparer.Ordinal);
    private readonly List<LeaseWrite> _writes = [];
    private long _version;

    private FakeLeaseApiServer(WebApplication app) => _app = app;

    /// <summary>One accepted create or replace: the spec fields as written.</summary>
    public sealed record LeaseWrite(string Verb, string Namespace, string Name, string? Holder, int? LeaseDurationSeconds, int? LeaseTransitions);

    public string Address { get; private set; } = "";

    /// <summary>Verbs (get, create, update) answered 403 Forbidden, as without the Role.</summary>
    public HashSet<string> Forbidden { get; } = new(StringComparer.Ordinal);

    public string KubeconfigPath { get; private set; } = "";

    public static async Task<FakeLeaseApiServer> StartAsync(TempFolder folder)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new FakeLeaseApiServer(app);
        app.MapGet(Prefix + "/{name}", (string ns, string name) => server.Get(ns, name));
        app.MapPost(Prefix, async (string ns, HttpRequest request) => server.Create(ns, await ReadAsync(request)));
        app.MapPut(Prefix + "/{name}", async (string ns, string name, HttpRequest request) => server.Replace(ns, name, await ReadAsync(request)));
        await app.StartAsync(TestContext.Current.CancellationToken);
        server.Address = StewardServer.Addresses(app).Single();
        server.KubeconfigPath = folder.Write("kubeconfig", $"""
            apiVersion: v1
            kind: Config
            clusters:
              - name: fake
                cluster:
                  server: {server.Address}
            users:
              - name: steward
                user:
                  token: not-a-real-token
            contexts:
              - name: fake
                context:
                  cluster: fake
                  user: steward
            current-context: fake
            """);
        return server;
    }

    public IReadOnlyList<LeaseWrite> Writes
    {
        get { lock (_gate) return [.. _writes]; }
    }

    /// <summary>The Lease's spec.holderIdentity now (null when absent or unset).</summary>
    public string? Holder(string ns, string name)
    {
        lock (_gate) return _leases.TryGetValue(Key(ns, name), out var lease) ? lease["spec"]?["holderIdentity"]?.GetValue<string>() : null;
    }

    private static async Task<JsonObject> ReadAsync(HttpRequest request) =>
        (JsonNode.Parse(await new StreamReader(request.Body).ReadToEndAsync()) as JsonObject)!;

    private static string Key(string ns, string name) => ns + "/" + name;

    private IResult Get(string ns, string name)
    {
        lock (_gate)
        {
            if (Forbidden.Contains("get")) return Forbid("get", ns);
            return _leases.TryGetValue(Key(ns, name), out var lease)
                ? Results.Text(lease.ToJsonString(), "application/json")
                : Status(404, "NotFound", $"leases.coordination.k8s.io \"{name}\" not found");
        }
    }

    private IResult Create(string ns, JsonObject body)
    {
        var name = body["metadata"]?["name"]?.GetValue<string>() ?? "";
        lock (_gate)
        {
            if (Forbidden.Contains("create")) return Forbid("create", ns);
            if (_leases.ContainsKey(Key(ns, name)))
                return Status(409, "AlreadyExists", $"leases.coordination.k8s.io \"{name}\" already exists");
            return Store(ns, name, body, "create", 201);
        }
    }

    private IResult Replace(string ns, string name, JsonObject body)
    {
        lock (_gate)
        {
            if (Forbidden.Contains("update")) return Forbid("update", ns);
            if (!_leases.TryGetValue(Key(ns, name), out var current))
                return Status(404, "NotFound", $"leases.coordination.k8s.io \"{name}\" not found");
            var sent = body["metadata"]?["resourceVersion"]?.GetValue<string>();
            var now = current["metadata"]!["resourceVersion"]!.GetValue<string>();
            if (sent != now)
                return Status(409, "Conflict", $"Operation cannot be fulfilled on leases.coordination.k8s.io \"{name}\": the object has been modified; please apply your changes to the latest version and try again");
            return Store(ns, name, body, "replace", 200);
        }
    }

    private IResult Store(string ns, string name, JsonObject body, string verb, int code)
    {
        var metadata = body["metadata"] as JsonObject ?? [];
        body["metadata"] = metadata;
        metadata["name"] = name;
        metadata["namespace"] = ns;
        metadata["resourceVersion"] = (++_version).ToString(System.Globalization.CultureInfo.InvariantCulture);
        body["apiVersion"] = "coordination.k8s.io/v1";
        body["kind"] = "Lease";
        _leases[Key(ns, name)] = body;
        var spec = body["spec"];
        _writes.Add(new LeaseWrite(verb, ns, name, spec?["holderIdentity"]?.GetValue<string>(), spec?["leaseDurationSeconds"]?.GetValue<int>(), spec?["leaseTransitions"]?.GetValue<int>()));
        return Results.Text(body.ToJsonString(), "application/json", statusCode: code);
    }

    private static IResult Forbid(string verb, string ns) => Status(403, "Forbidden",
        $"leases.coordination.k8s.io is forbidden: User \"system:serviceaccount:{ns}:steward\" cannot {verb} resource \"leases\" in API group \"coordination.k8s.io\" in the namespace \"{ns}\"");

    private static IResult Status(int code, string reason, string message) => Results.Text(new JsonObject
    {
        ["kind"] = "Status",
        ["apiVersion"] = "v1",
        ["status"] = "Failure",
        ["message"] = message,
        ["reason"] = reason,
        ["code"] = code,
    }.ToJsonString(), "application/json", statusCode: code);

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
