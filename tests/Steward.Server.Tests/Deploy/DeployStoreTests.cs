using System.Text.Json.Nodes;
using Steward.Core.Storage;

namespace Steward.Server.Tests.Deploy;

/// <summary>
/// deploy/kubernetes/ha shares one PostgreSQL store between its replicas (docs/deploy.md, docs/scale.md):
/// the address in STEWARD_STORE is one Steward accepts, and the password reaches the pod only as
/// PGPASSWORD from a Secret, never in an argument or the address.
/// </summary>
public sealed class DeployStoreTests
{
    private static JsonObject Container(string layout) =>
        DeployManifests.Pods(DeployManifests.Objects(DeployManifests.Folder(layout))).Single()["spec"]!["containers"]![0]!.AsObject();

    private static JsonObject? Env(JsonObject container, string name) =>
        container["env"]?.AsArray().Select(e => e!.AsObject()).SingleOrDefault(e => e["name"]!.GetValue<string>() == name);

    [Fact]
    public void The_ha_replicas_share_a_PostgreSQL_store_whose_password_comes_from_a_Secret()
    {
        var container = Container("ha");
        var address = StoreAddress.Parse(Env(container, "STEWARD_STORE")!["value"]!.GetValue<string>());
        address.Engine.Should().Be(StoreEngine.PostgreSql);
        address.Display.Should().Be("postgresql://steward@postgres.example.internal:5432/steward");
        address.ConnectionString.Should().Contain("SSL Mode=VerifyFull").And.Contain("Root Certificate=/etc/steward/store/ca.crt");

        var password = Env(container, "PGPASSWORD")!;
        password["value"].Should().BeNull();
        password["valueFrom"]!["secretKeyRef"]!.ToJsonString().Should().Be("""{"name":"steward-postgres","key":"password"}""");
        container["args"]!.AsArray().Select(a => a!.GetValue<string>()).Should().NotContain(a => a.StartsWith("--store", StringComparison.Ordinal));
        container["volumeMounts"]!.AsArray().Select(m => m!["mountPath"]!.GetValue<string>()).Should().Contain("/etc/steward/store");
    }

    [Fact]
    public void The_single_replica_keeps_its_DuckDB_store_on_a_persistent_volume()
    {
        var container = Container("single");
        container["args"]!.AsArray().Select(a => a!.GetValue<string>()).Should().Contain("--store=/var/lib/steward/steward.duckdb");
        Env(container, "STEWARD_STORE").Should().BeNull();
    }
}
