using System.Text.Json.Nodes;
using Steward.Core.Policy.Gatekeeper;
using Steward.TestSupport;

namespace Steward.Server.Tests.Deploy;

/// <summary>
/// deploy/kubernetes/{single,ha} pass Steward's own check and the pod-security policies of the
/// Gatekeeper library (../shared/conformance/gatekeeper-library), evaluated on the Pods their
/// workloads create with strict parameters.
/// </summary>
public sealed class DeployManifestTests
{
    private static readonly string PodSecurity = RepositoryPaths.InShared("conformance", "gatekeeper-library", "library", "pod-security-policy");

    private static readonly JsonObject MatchPods = new() { ["kinds"] = new JsonArray(new JsonObject { ["apiGroups"] = new JsonArray(""), ["kinds"] = new JsonArray("Pod") }) };

    /// <summary>Every pod-security template of the library, with strict parameters (no exemptions).</summary>
    public static TheoryData<string, string> Policies()
    {
        var data = new TheoryData<string, string>();
        foreach (var layout in DeployManifests.Layouts)
            foreach (var policy in PolicyParameters.Keys.Order(StringComparer.Ordinal))
                data.Add(layout, policy);
        return data;
    }

    private static readonly Dictionary<string, string> PolicyParameters = new(StringComparer.Ordinal)
    {
        ["allow-privilege-escalation"] = "{}",
        ["capabilities"] = """{"allowedCapabilities": [], "requiredDropCapabilities": ["ALL"]}""",
        ["flexvolume-drivers"] = """{"allowedFlexVolumes": []}""",
        ["forbidden-sysctls"] = """{"forbiddenSysctls": ["*"]}""",
        ["host-filesystem"] = """{"allowedHostPaths": []}""",
        ["host-namespaces"] = "{}",
        ["host-process"] = "{}",
        ["privileged-containers"] = "{}",
        ["read-only-root-filesystem"] = "{}",
        ["seccomp"] = """{"allowedProfiles": ["runtime/default"]}""",
        ["seccompv2"] = """{"allowedProfiles": ["RuntimeDefault"], "allowedLocalhostFiles": []}""",
        ["users"] = """
            {"runAsUser": {"rule": "MustRunAs", "ranges": [{"min": 1000, "max": 65535}]},
             "runAsGroup": {"rule": "MustRunAs", "ranges": [{"min": 1000, "max": 65535}]},
             "supplementalGroups": {"rule": "MayRunAs", "ranges": [{"min": 1000, "max": 65535}]},
             "fsGroup": {"rule": "MustRunAs", "ranges": [{"min": 1000, "max": 65535}]}}
            """,
    };

    private static readonly SuiteVerifier Verifier = new(v0Compatible: true);

    private static IReadOnlyList<string> Review(string policy, JsonObject pod)
    {
        var template = Verifier.LoadTemplate(Path.Combine(PodSecurity, policy, "template.yaml"));
        return SuiteVerifier.Review(template, JsonNode.Parse(PolicyParameters[policy])!, MatchPods, pod, []);
    }

    [Fact]
    public void Every_pod_security_template_of_the_library_is_evaluated()
    {
        Directory.GetDirectories(PodSecurity).Select(Path.GetFileName).Order(StringComparer.Ordinal)
            .Should().Equal(PolicyParameters.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Policies))]
    public void The_pods_of_each_layout_pass_the_pod_security_policy(string layout, string policy)
    {
        var pods = DeployManifests.Pods(DeployManifests.Objects(DeployManifests.Folder(layout))).ToList();
        pods.Select(p => p["metadata"]!["name"]!.GetValue<string>()).Should().Equal("steward-pod"); // one workload: the Deployment
        foreach (var pod in pods)
            Review(policy, pod).Should().BeEmpty($"{layout}: {pod["metadata"]!["name"]} under {policy}");
    }

    [Theory]
    [MemberData(nameof(Policies))]
    public void The_same_pod_made_unsafe_is_refused_by_the_policy(string layout, string policy)
    {
        // Not vacuous: each policy refuses the layout's own Pod once the setting it guards is undone.
        var pod = DeployManifests.Pods(DeployManifests.Objects(DeployManifests.Folder(layout))).Single();
        var spec = pod["spec"]!.AsObject();
        var container = spec["containers"]![0]!.AsObject();
        spec["hostNetwork"] = true;
        spec["hostPID"] = true;
        spec["securityContext"] = JsonNode.Parse("""
            {"runAsUser": 0, "runAsGroup": 0, "fsGroup": 0, "supplementalGroups": [0],
             "seccompProfile": {"type": "Unconfined"}, "sysctls": [{"name": "kernel.msgmax", "value": "65536"}],
             "windowsOptions": {"hostProcess": true}}
            """);
        spec["volumes"]!.AsArray().Add(JsonNode.Parse("""{"name": "host", "hostPath": {"path": "/var/run"}}"""));
        spec["volumes"]!.AsArray().Add(JsonNode.Parse("""{"name": "flex", "flexVolume": {"driver": "example/lvm"}}"""));
        container["securityContext"] = JsonNode.Parse("""
            {"privileged": true, "allowPrivilegeEscalation": true, "readOnlyRootFilesystem": false, "runAsUser": 0,
             "capabilities": {"add": ["NET_ADMIN"]}, "seccompProfile": {"type": "Unconfined"}}
            """);
        Review(policy, pod).Should().NotBeEmpty($"{layout} made unsafe, under {policy}");
    }

    [Theory]
    [InlineData("single")]
    [InlineData("ha")]
    public async Task Steward_check_passes_on_each_layout(string layout)
    {
        var (code, output, error) = await ServerTestSupport.RunCliAsync("check", DeployManifests.Folder(layout), "--format", "json");
        error.Should().BeEmpty();
        code.Should().Be(0, output);
        var findings = JsonNode.Parse(output)!["findings"]!.AsArray()
            .Select(f => $"{f!["ruleId"]}/{f["severity"]}").Order(StringComparer.Ordinal);
        // No error: the only findings are two advisories that only the installation can settle: the image
        // is a placeholder to replace with yours, pinned by digest; the Budget of team=platform belongs
        // in your governance repository, not among the manifests applied to the cluster.
        findings.Should().Equal("budget-coverage/warning", "image-digest/warning");
    }
}
