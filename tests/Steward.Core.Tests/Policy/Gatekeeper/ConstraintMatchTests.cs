using System.Text.Json.Nodes;
using Steward.Core.Policy.Gatekeeper;

namespace Steward.Core.Tests.Policy.Gatekeeper;

public class ConstraintMatchTests
{
    private static JsonObject Obj(string json) => (JsonObject)JsonNode.Parse(json)!;

    private static readonly JsonObject Pod = Obj("""{"apiVersion":"v1","kind":"Pod","metadata":{"name":"web-1","namespace":"prod","labels":{"app":"web","tier":"front"}}}""");
    private static readonly JsonObject ClusterRole = Obj("""{"apiVersion":"rbac.authorization.k8s.io/v1","kind":"ClusterRole","metadata":{"name":"admin"}}""");

    private static bool PodMatches(string match, JsonObject? ns = null) => ConstraintMatch.Matches(Obj(match), Pod, "", "Pod", ns);

    [Fact]
    public void No_match_block_matches_everything() =>
        ConstraintMatch.Matches(null, Pod, "", "Pod", null).Should().BeTrue();

    [Theory]
    [InlineData("""{"kinds":[{"apiGroups":[""],"kinds":["Pod"]}]}""", true)]
    [InlineData("""{"kinds":[{"apiGroups":["apps"],"kinds":["Pod"]}]}""", false)]
    [InlineData("""{"kinds":[{"apiGroups":["*"],"kinds":["*"]}]}""", true)]
    [InlineData("""{"kinds":[{"apiGroups":[""],"kinds":["Service"]},{"apiGroups":[""],"kinds":["Pod"]}]}""", true)]
    [InlineData("""{"kinds":[{"apiGroups":[""],"kinds":["Service"]}]}""", false)]
    [InlineData("""{"kinds":[]}""", true)]
    public void Kinds_match_group_and_kind(string match, bool expected) => PodMatches(match).Should().Be(expected);

    [Theory]
    [InlineData("""{"namespaces":["prod"]}""", true)]
    [InlineData("""{"namespaces":["default"]}""", false)]
    [InlineData("""{"namespaces":["pro*"]}""", true)]
    [InlineData("""{"namespaces":["*od"]}""", true)]
    [InlineData("""{"excludedNamespaces":["prod"]}""", false)]
    [InlineData("""{"excludedNamespaces":["kube-*"]}""", true)]
    [InlineData("""{"scope":"Namespaced"}""", true)]
    [InlineData("""{"scope":"Cluster"}""", false)]
    [InlineData("""{"name":"web-*"}""", true)]
    [InlineData("""{"name":"api"}""", false)]
    public void Namespace_scope_and_name_criteria(string match, bool expected) => PodMatches(match).Should().Be(expected);

    [Fact]
    public void Cluster_scoped_objects_ignore_namespace_criteria_but_not_scope()
    {
        ConstraintMatch.Matches(Obj("""{"namespaces":["default"]}"""), ClusterRole, "rbac.authorization.k8s.io", "ClusterRole", null).Should().BeTrue();
        ConstraintMatch.Matches(Obj("""{"excludedNamespaces":["*"]}"""), ClusterRole, "rbac.authorization.k8s.io", "ClusterRole", null).Should().BeTrue();
        ConstraintMatch.Matches(Obj("""{"scope":"Namespaced"}"""), ClusterRole, "rbac.authorization.k8s.io", "ClusterRole", null).Should().BeFalse();
    }

    [Fact]
    public void A_namespace_is_matched_by_its_own_name()
    {
        var ns = Obj("""{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"kube-system"}}""");
        ConstraintMatch.Matches(Obj("""{"excludedNamespaces":["kube-system"]}"""), ns, "", "Namespace", null).Should().BeFalse();
        ConstraintMatch.Matches(Obj("""{"namespaces":["kube-system"]}"""), ns, "", "Namespace", null).Should().BeTrue();
    }

    [Theory]
    [InlineData("""{"labelSelector":{"matchLabels":{"app":"web"}}}""", true)]
    [InlineData("""{"labelSelector":{"matchLabels":{"app":"api"}}}""", false)]
    [InlineData("""{"labelSelector":{"matchExpressions":[{"key":"tier","operator":"In","values":["front","back"]}]}}""", true)]
    [InlineData("""{"labelSelector":{"matchExpressions":[{"key":"tier","operator":"NotIn","values":["front"]}]}}""", false)]
    [InlineData("""{"labelSelector":{"matchExpressions":[{"key":"owner","operator":"DoesNotExist"}]}}""", true)]
    [InlineData("""{"labelSelector":{"matchExpressions":[{"key":"owner","operator":"Exists"}]}}""", false)]
    public void Label_selector(string match, bool expected) => PodMatches(match).Should().Be(expected);

    [Fact]
    public void Namespace_selector_uses_the_namespace_labels()
    {
        var prod = Obj("""{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"prod","labels":{"env":"prod"}}}""");
        const string match = """{"namespaceSelector":{"matchLabels":{"env":"prod"}}}""";
        PodMatches(match, prod).Should().BeTrue();
        PodMatches("""{"namespaceSelector":{"matchLabels":{"env":"dev"}}}""", prod).Should().BeFalse();
        PodMatches(match, null).Should().BeFalse("the namespace is unknown");
    }
}
