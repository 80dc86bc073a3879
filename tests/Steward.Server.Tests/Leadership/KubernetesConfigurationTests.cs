using Steward.Core;
using Steward.Server.Leadership;
using Steward.TestSupport;

namespace Steward.Server.Tests.Leadership;

public sealed class KubernetesConfigurationTests
{
    [Fact]
    public void Without_kubeconfig_or_cluster_there_is_no_configuration()
    {
        if (k8s.KubernetesClientConfiguration.IsInCluster()) return; // inside a pod the service account is one
        using var temp = new TempFolder();
        KubernetesConfiguration.Find(null, null, _ => null, temp.Path).Should().BeNull();
        KubernetesConfiguration.Find(null, null, name => name == "KUBECONFIG" ? temp["absent"] : null, temp.Path).Should().BeNull();
    }

    [Fact]
    public void The_kubeconfig_is_found_in_KUBECONFIG_then_in_the_home_folder()
    {
        if (k8s.KubernetesClientConfiguration.IsInCluster()) return;
        using var temp = new TempFolder();
        var config = """
            apiVersion: v1
            kind: Config
            clusters: [{name: c, cluster: {server: "http://127.0.0.1:1"}}]
            users: [{name: u, user: {token: t}}]
            contexts: [{name: x, context: {cluster: c, user: u}}]
            current-context: x
            """;
        temp.Write("home/.kube/config", config.Replace("127.0.0.1:1", "127.0.0.1:2", StringComparison.Ordinal));
        var listed = temp.Write("listed", config);
        KubernetesConfiguration.Find(null, null, name => name == "KUBECONFIG" ? temp["absent"] + Path.PathSeparator + listed : null, temp["home"])!.Host
            .Should().StartWith("http://127.0.0.1:1");
        KubernetesConfiguration.Find(null, null, _ => null, temp["home"])!.Host.Should().StartWith("http://127.0.0.1:2");
    }

    [Fact]
    public void A_kubeconfig_that_does_not_load_is_an_input_error_naming_it()
    {
        using var temp = new TempFolder();
        var bad = temp.Write("kubeconfig", "apiVersion: v1\nkind: Config\ncurrent-context: nowhere\n");
        var load = () => KubernetesConfiguration.Find(bad, null, _ => null, temp.Path);
        load.Should().Throw<StewardInputException>().Which.Message.Should().StartWith($"--kubeconfig {bad}: ");
        var missing = () => KubernetesConfiguration.Find(temp["absent"], null, _ => null, temp.Path);
        missing.Should().Throw<StewardInputException>().Which.Message.Should().Be($"--kubeconfig {temp["absent"]}: no such file");
    }

    [Fact]
    public void The_lease_namespace_is_the_pods()
    {
        using var temp = new TempFolder();
        var file = temp.Write("namespace", "from-file\n");
        KubernetesConfiguration.PodNamespace(name => name == "POD_NAMESPACE" ? "from-env" : null, file).Should().Be("from-env");
        KubernetesConfiguration.PodNamespace(_ => null, file).Should().Be("from-file");
        KubernetesConfiguration.PodNamespace(_ => null, temp["absent"]).Should().Be("default");
    }
}
