using k8s;
using Steward.Core;

namespace Steward.Server.Leadership;

/// <summary>
/// Where the Kubernetes API server is, looked up as kubectl and <c>--cluster</c> do: <c>--kubeconfig</c>
/// (with <c>--context</c>), else in-cluster (the pod's service account), else <c>$KUBECONFIG</c>, else
/// <c>~/.kube/config</c>. Null when none of them exists: outside Kubernetes there is no Lease to elect on.
/// A configuration that exists but does not load is an input error naming the file (exit 2).
/// </summary>
public static class KubernetesConfiguration
{
    /// <summary>Where the pod's namespace is mounted with the service account token.</summary>
    public const string ServiceAccountNamespaceFile = "/var/run/secrets/kubernetes.io/serviceaccount/namespace";

    public static KubernetesClientConfiguration? Find(string? kubeconfig, string? context, Func<string, string?>? environment = null, string? home = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        home ??= Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        if (kubeconfig is not null) return Load(kubeconfig, context, "--kubeconfig");
        if (KubernetesClientConfiguration.IsInCluster() && context is null)
        {
            try { return KubernetesClientConfiguration.InClusterConfig(); }
            catch (Exception e) when (e is k8s.Exceptions.KubeConfigException or IOException or UnauthorizedAccessException)
            {
                throw new StewardInputException($"in-cluster Kubernetes configuration: {e.Message}", e);
            }
        }
        // $KUBECONFIG may list several files (path-separated); the first that exists is used.
        if (environment("KUBECONFIG") is { Length: > 0 } list)
        {
            var first = list.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault(File.Exists);
            if (first is not null) return Load(first, context, "$KUBECONFIG");
        }
        var standard = Path.Combine(home, ".kube", "config");
        return home.Length > 0 && File.Exists(standard) ? Load(standard, context, "~/.kube/config") : null;
    }

    /// <summary>
    /// The Lease's namespace when <c>--lease-namespace</c> is not given: <c>$POD_NAMESPACE</c> (the
    /// downward API, as deploy/kubernetes sets it), else the service account's namespace file, else "default".
    /// </summary>
    public static string PodNamespace(Func<string, string?>? environment = null, string namespaceFile = ServiceAccountNamespaceFile)
    {
        var pod = environment is null ? Environment.GetEnvironmentVariable("POD_NAMESPACE") : environment("POD_NAMESPACE");
        if (pod is { Length: > 0 }) return pod.Trim();
        try
        {
            if (File.Exists(namespaceFile) && File.ReadAllText(namespaceFile).Trim() is { Length: > 0 } mounted) return mounted;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Unreadable: fall back as when absent.
        }
        return "default";
    }

    private static KubernetesClientConfiguration Load(string file, string? context, string origin)
    {
        if (!File.Exists(file)) throw new StewardInputException($"{origin} {file}: no such file");
        try
        {
            return KubernetesClientConfiguration.BuildConfigFromConfigFile(file, context);
        }
        catch (Exception e) when (e is k8s.Exceptions.KubeConfigException or IOException or UnauthorizedAccessException or YamlDotNet.Core.YamlException or FormatException)
        {
            throw new StewardInputException($"{origin} {file}: {e.Message}", e);
        }
    }
}
