using System.Text.Json.Nodes;
using Steward.Core.Governance;
using Steward.Core.Governance.Kinds;
using Steward.Rego.Json;
using Steward.Rego.Values;

namespace Steward.Core.Policy.Rego;

/// <summary>
/// The repository as policies see it under <c>data.steward</c>: models[model][version] (the
/// ModelVersion spec), budgets[name], monitors[name] (their specs), settings (with every default
/// filled in), manifests (the Kubernetes objects, in file order), inventory (the same objects by
/// namespace, apiVersion, kind and name, in Gatekeeper's data.inventory layout:
/// inventory.namespace[ns][apiVersion][kind][name], inventory.cluster[apiVersion][kind][name]) and provenance[model][version]
/// (the SLSA provenance statement a ModelVersion references with spec.provenance).
/// </summary>
public static class PolicyData
{
    private static readonly RegoString ManifestsKey = new("manifests");
    private static readonly RegoString InventoryKey = new("inventory");

    /// <summary>
    /// data.steward. The manifests (nearly all of it in a large repository) are the objects' own
    /// <see cref="RepositoryObject.PolicyInput"/> values, shared with the input each is evaluated
    /// with, converted once on all cores: not a JSON copy per place, converted again.
    /// </summary>
    public static RegoValue Build(GovernanceRepository repository) => Build(repository, PolicyInputs.Of(repository.Manifests));

    /// <summary>As <see cref="Build(GovernanceRepository)"/>, with the manifests' policy inputs already converted (in their order).</summary>
    internal static RegoValue Build(GovernanceRepository repository, RegoValue[] manifests)
    {
        var rest = (RegoObject)RegoJsonNodes.FromNode(BuildWithoutObjects(repository));
        return new RegoObject(rest.Entries
            .Append(new(ManifestsKey, RegoTreeBuilder.Array(manifests)))
            .Append(new(InventoryKey, PolicyInventory.Build(repository.Manifests, manifests))));
    }

    /// <summary>data.steward without manifests and inventory, as JSON.</summary>
    private static JsonObject BuildWithoutObjects(GovernanceRepository repository)
    {
        var models = new JsonObject();
        foreach (var model in repository.Models.OrderBy(m => m.Model, StringComparer.Ordinal).ThenBy(m => m.Version, StringComparer.Ordinal))
        {
            if (models[model.Model] is not JsonObject versions)
                models[model.Model] = versions = new JsonObject();
            versions[model.Version] = model.Spec.DeepClone();
        }
        var budgets = new JsonObject();
        foreach (var budget in repository.Budgets.OrderBy(b => b.Name, StringComparer.Ordinal))
            budgets[budget.Name] = budget.Spec.DeepClone();
        var monitors = new JsonObject();
        foreach (var monitor in repository.Monitors.OrderBy(m => m.Name, StringComparer.Ordinal))
            monitors[monitor.Name] = monitor.Spec.DeepClone();
        var provenance = new JsonObject();
        foreach (var model in repository.Models.Where(m => m.Provenance is not null && repository.Root is not null)
                     .OrderBy(m => m.Model, StringComparer.Ordinal).ThenBy(m => m.Version, StringComparer.Ordinal))
        {
            if (provenance[model.Model] is not JsonObject versions)
                provenance[model.Model] = versions = new JsonObject();
            versions[model.Version] = SupplyChain.Checks.ModelProvenance.Read(repository, model).Statement.DeepClone();
        }
        return new JsonObject
        {
            ["models"] = models,
            ["provenance"] = provenance,
            ["budgets"] = budgets,
            ["monitors"] = monitors,
            ["settings"] = Settings(repository.Settings),
        };
    }

    private static JsonObject Settings(Settings s)
    {
        var evaluation = new JsonObject();
        foreach (var (metric, threshold) in s.Evaluation)
        {
            var bound = new JsonObject();
            if (threshold.Min is { } min) bound["min"] = min;
            if (threshold.Max is { } max) bound["max"] = max;
            evaluation[metric] = bound;
        }
        return new JsonObject
        {
            ["labels"] = new JsonObject
            {
                ["model"] = s.ModelLabel,
                ["modelVersion"] = s.ModelVersionLabel,
                ["costAllocation"] = new JsonArray(s.CostAllocationLabels.Select(l => (JsonNode)JsonValue.Create(l)).ToArray()),
            },
            ["prices"] = new JsonObject { ["cpuCoreHour"] = s.CpuCoreHour, ["memoryGiBHour"] = s.MemoryGiBHour, ["gpuHour"] = s.GpuHour },
            ["registries"] = new JsonObject { ["approved"] = Strings(s.ApprovedRegistries) },
            ["licenses"] = new JsonObject { ["allowed"] = Strings(s.AllowedLicenses), ["denied"] = Strings(s.DeniedLicenses) },
            ["evaluation"] = evaluation,
        };
    }

    private static JsonArray Strings(IEnumerable<string> items) => new(items.Select(i => (JsonNode)JsonValue.Create(i)).ToArray());
}
