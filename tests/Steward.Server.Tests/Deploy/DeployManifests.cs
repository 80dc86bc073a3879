using System.Text.Json.Nodes;
using Steward.Core.Governance.Yaml;
using Steward.TestSupport;

namespace Steward.Server.Tests.Deploy;

/// <summary>The objects of a deploy/kubernetes layout, and the Pods its workloads create.</summary>
internal static class DeployManifests
{
    public static readonly string[] Layouts = ["single", "ha"];

    public static string Folder(string layout) => RepositoryPaths.InRepository("deploy", "kubernetes", layout);

    public static IReadOnlyList<JsonObject> Objects(string folder) =>
        [.. Directory.GetFiles(folder, "*.yaml").Order(StringComparer.Ordinal)
            .SelectMany(file => YamlFile.Parse(file, File.ReadAllText(file)))
            .Select(YamlScalars.ToJson).OfType<JsonObject>()];

    /// <summary>
    /// The Pod a workload's controller creates, as Gatekeeper's expansion builds it for policies that
    /// match Pods: the pod template's metadata and spec in the workload's namespace.
    /// </summary>
    public static IEnumerable<JsonObject> Pods(IEnumerable<JsonObject> objects)
    {
        foreach (var o in objects)
        {
            var kind = o["kind"]?.GetValue<string>();
            var template = kind switch
            {
                "Deployment" or "StatefulSet" or "DaemonSet" or "ReplicaSet" or "Job" => o["spec"]?["template"],
                "CronJob" => o["spec"]?["jobTemplate"]?["spec"]?["template"],
                _ => null,
            };
            if (kind == "Pod") { yield return (JsonObject)o.DeepClone(); continue; }
            if (template is null) continue;
            var metadata = template["metadata"]?.DeepClone() as JsonObject ?? [];
            metadata["name"] = o["metadata"]!["name"]!.GetValue<string>() + "-pod";
            metadata["namespace"] = o["metadata"]?["namespace"]?.DeepClone();
            yield return new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Pod", ["metadata"] = metadata, ["spec"] = template["spec"]!.DeepClone() };
        }
    }
}
