using Steward.Core.Governance;
using Steward.Core.Policy.Gatekeeper;
using Steward.Core.Policy.Rego;
using Steward.Rego.Json;
using Steward.Rego.Values;
using static Steward.Core.Tests.Governance.RepositoryFixtures;

namespace Steward.Core.Tests.Policy.Rego;

/// <summary>
/// data.steward.inventory built from the objects' Rego values must equal the JSON inventory it
/// replaced (<see cref="GatekeeperInventory.Build"/>, converted): that is the oracle.
/// </summary>
public class PolicyInventoryTests
{
    [Fact]
    public void Equals_the_gatekeeper_inventory_of_the_objects_json()
    {
        using var repo = Repository(
            ("manifests/a.yaml", Deployment("web", ns: "shop") + "\n---\n" + Deployment("api", ns: "shop")),
            ("manifests/b.yaml", Deployment("web", ns: "shop", replicas: 3)), // same identity later: replaces the first
            ("manifests/c.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  labels: {tier: gold}\n"),
            ("manifests/d.yaml", "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: reader}\nrules: []\n"),
            ("manifests/e.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: \"7\", namespace: \"\"}\ndata: {a: \"1\"}\n"));
        var repository = RepositoryLoader.LoadFolder(repo.Path);
        var manifests = repository.Manifests;

        var inventory = PolicyInventory.Build(manifests, PolicyInputs.Of(manifests));

        var expected = RegoJsonNodes.FromNode(GatekeeperInventory.Build(manifests.Select(m => m.Json)));
        inventory.Should().Be(expected);
        RegoJson.Serialize(inventory).Should().Be(RegoJson.Serialize(expected));
        ((RegoObject)((RegoObject)inventory).Get("namespace")!).Get("shop").Should().NotBeNull();
    }

    [Fact]
    public void The_inputs_are_the_objects_json_as_rego_values_in_object_order()
    {
        // More objects than one worker converts, so that the parts of several workers are joined.
        var files = Enumerable.Range(0, 600).Select(i => ($"manifests/d{i:D3}.yaml", Deployment($"d{i:D3}", replicas: i % 5))).ToArray();
        using var repo = Repository(files);
        var manifests = RepositoryLoader.LoadFolder(repo.Path).Manifests;

        var inputs = PolicyInputs.Of(manifests);

        inputs.Should().HaveCount(600);
        for (var i = 0; i < manifests.Count; i++)
            inputs[i].Should().Be(RegoJsonNodes.FromNode(manifests[i].Json), $"object {i}");
    }
}
