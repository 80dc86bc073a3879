using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace Steward.Cli.Tests.GitOps;

/// <summary>
/// A local HTTP server speaking the part of the Kubernetes API that a list needs: discovery
/// (/api/v1, /apis, /apis/GROUP/VERSION) and typed lists whose items carry no kind, as a real
/// API server answers. Records the requests and their Authorization headers.
/// </summary>
internal sealed class FakeKubernetesApi : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Dictionary<string, string> _routes = new(StringComparer.Ordinal);
    private readonly Task _loop;

    public FakeKubernetesApi()
    {
        Port = FreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public int Port { get; }
    public string Url => $"http://127.0.0.1:{Port}";
    public List<(string Path, string? Authorization)> Requests { get; } = [];

    public void Route(string path, string json) => _routes[path] = json;

    /// <summary>Serves a typed list (e.g. DeploymentList) built from objects, stripping their kind and apiVersion.</summary>
    public void List(string path, string apiVersion, string listKind, params JsonObject[] items)
    {
        var array = new JsonArray();
        foreach (var item in items)
        {
            var copy = (JsonObject)item.DeepClone();
            copy.Remove("kind");
            copy.Remove("apiVersion");
            array.Add(copy);
        }
        Route(path, new JsonObject { ["apiVersion"] = apiVersion, ["kind"] = listKind, ["metadata"] = new JsonObject { ["resourceVersion"] = "1" }, ["items"] = array }.ToJsonString());
    }

    public string WriteKubeconfig(string folder, string token)
    {
        var path = Path.Combine(folder, "kubeconfig");
        File.WriteAllText(path, $"""
            apiVersion: v1
            kind: Config
            clusters:
              - name: test
                cluster: {"{"}server: "{Url}"{"}"}
            contexts:
              - name: test
                context: {"{"}cluster: test, user: test{"}"}
            current-context: test
            users:
              - name: test
                user: {"{"}token: {token}{"}"}
            """);
        return path;
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            var path = context.Request.Url!.AbsolutePath;
            lock (Requests) Requests.Add((path, context.Request.Headers["Authorization"]));
            var found = _routes.TryGetValue(path, out var body);
            context.Response.StatusCode = found ? 200 : 404;
            context.Response.ContentType = "application/json";
            var bytes = Encoding.UTF8.GetBytes(found ? body! : """{"kind":"Status","status":"Failure","reason":"NotFound","code":404}""");
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        if (!_listener.IsListening) return;
        _listener.Stop();
        _listener.Close();
        try { _loop.Wait(TimeSpan.FromSeconds(5)); } catch (AggregateException) { }
    }
}
