using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;

namespace Steward.Core.GitOps.Live;

/// <summary>
/// Live objects from a Kubernetes API server (kubeconfig or in-cluster), through KubernetesClient's
/// authenticated HTTP client: API discovery maps each desired group and kind to its resource, then
/// one list call per namespace the repository deploys to.
/// </summary>
public sealed class ClusterLiveStateSource : ILiveStateSource
{
    private readonly KubernetesClientConfiguration _config;

    public ClusterLiveStateSource(KubernetesClientConfiguration config) => _config = config;

    public string DisplayName => _config.Host;

    /// <summary>From a kubeconfig file (default: $KUBECONFIG or ~/.kube/config) or, inside a pod, the service account.</summary>
    public static ClusterLiveStateSource Create(string? kubeconfig = null, string? context = null)
    {
        try
        {
            var config = kubeconfig is null && KubernetesClientConfiguration.IsInCluster()
                ? KubernetesClientConfiguration.InClusterConfig()
                : KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig, context);
            return new ClusterLiveStateSource(config);
        }
        catch (Exception ex) when (ex is k8s.Exceptions.KubeConfigException or FileNotFoundException or IOException)
        {
            throw new StewardInputException($"kubeconfig {kubeconfig ?? "(default)"}: {ex.Message}", ex);
        }
    }

    public async Task<IReadOnlyList<JsonObject>> FetchAsync(IReadOnlyCollection<ObjectIdentity> desired, CancellationToken cancellationToken)
    {
        using var client = new k8s.Kubernetes(_config);
        var http = new AuthenticatedClient(client);
        var discovery = new ApiDiscovery(this, http);
        var objects = new List<JsonObject>();
        foreach (var kind in desired.GroupBy(d => (d.Group, d.Kind)).OrderBy(g => g.Key.Group, StringComparer.Ordinal).ThenBy(g => g.Key.Kind, StringComparer.Ordinal))
        {
            var resource = await discovery.FindAsync(kind.Key.Group, kind.Key.Kind, cancellationToken);
            if (resource is null) continue; // a kind the cluster does not serve has no live objects: all Missing
            var paths = resource.Value.Namespaced
                ? kind.Select(d => d.Namespace ?? "default").Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
                    .Select(ns => $"{resource.Value.Prefix}/namespaces/{Uri.EscapeDataString(ns)}/{resource.Value.Plural}")
                : [$"{resource.Value.Prefix}/{resource.Value.Plural}"];
            foreach (var path in paths)
            {
                var list = await GetAsync(http, path, cancellationToken);
                if (list is null) continue;
                FileLiveStateSource.Unpack(list, objects);
            }
        }
        return objects;
    }

    /// <summary>
    /// The client's HttpClient carries TLS and client certificates; bearer tokens and other
    /// credentials are applied per request, as the generated API methods do.
    /// </summary>
    private sealed class AuthenticatedClient(k8s.Kubernetes client)
    {
        public async Task<HttpResponseMessage> GetAsync(Uri uri, CancellationToken cancellationToken)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, uri);
            if (client.Credentials is { } credentials)
                await credentials.ProcessHttpRequestAsync(request, cancellationToken);
            return await client.HttpClient.SendAsync(request, cancellationToken);
        }
    }

    private async Task<JsonObject?> GetAsync(AuthenticatedClient http, string path, CancellationToken cancellationToken)
    {
        var uri = new Uri(_config.Host.TrimEnd('/') + path);
        HttpResponseMessage response;
        try
        {
            response = await http.GetAsync(uri, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            throw new StewardInputException($"cluster {_config.Host}: {ex.Message}", ex);
        }
        using (response)
        {
            if (response.StatusCode == HttpStatusCode.NotFound) return null;
            if (!response.IsSuccessStatusCode)
                throw new StewardInputException($"cluster {_config.Host}: GET {path} answered {(int)response.StatusCode} {response.ReasonPhrase}");
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            try
            {
                return JsonNode.Parse(text, documentOptions: JsonInput.Options(ParseLimits.Default)) as JsonObject;
            }
            catch (JsonException ex)
            {
                throw new StewardInputException($"cluster {_config.Host}: GET {path}: invalid JSON: {ex.Message}", ex);
            }
        }
    }

    /// <summary>The API resources the server serves, read once per group.</summary>
    private sealed class ApiDiscovery(ClusterLiveStateSource source, AuthenticatedClient http)
    {
        private readonly Dictionary<string, List<(string Prefix, string Kind, string Plural, bool Namespaced)>> _byGroup = new(StringComparer.Ordinal);
        private JsonObject? _groups;

        public async Task<(string Prefix, string Plural, bool Namespaced)?> FindAsync(string group, string kind, CancellationToken ct)
        {
            if (!_byGroup.TryGetValue(group, out var resources))
            {
                resources = [];
                string? prefix;
                if (group.Length == 0)
                {
                    prefix = "/api/v1";
                }
                else
                {
                    _groups ??= await source.GetAsync(http, "/apis", ct) ?? [];
                    var entry = (_groups["groups"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(g => g["name"]?.GetValue<string>() == group);
                    var version = entry?["preferredVersion"]?["groupVersion"]?.GetValue<string>();
                    prefix = version is null ? null : "/apis/" + version;
                }
                if (prefix is not null && await source.GetAsync(http, prefix, ct) is { } list && list["resources"] is JsonArray items)
                {
                    foreach (var r in items.OfType<JsonObject>())
                    {
                        var name = r["name"]?.GetValue<string>() ?? "";
                        if (name.Contains('/', StringComparison.Ordinal)) continue; // subresources such as deployments/scale
                        resources.Add((prefix, r["kind"]?.GetValue<string>() ?? "", name, r["namespaced"]?.GetValue<bool>() ?? true));
                    }
                }
                _byGroup[group] = resources;
            }
            foreach (var r in resources)
                if (r.Kind == kind) return (r.Prefix, r.Plural, r.Namespaced);
            return null;
        }
    }
}
