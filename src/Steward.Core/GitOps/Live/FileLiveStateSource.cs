using System.Text.Json.Nodes;
using Steward.Core.Governance.Yaml;
using YamlDotNet.RepresentationModel;

namespace Steward.Core.GitOps.Live;

/// <summary>Live objects from a file or a folder of <c>kubectl get -o json</c> or <c>-o yaml</c> output (Lists unpacked).</summary>
public sealed class FileLiveStateSource : ILiveStateSource
{
    private readonly string _path;

    public FileLiveStateSource(string path)
    {
        _path = path;
        if (!File.Exists(path) && !Directory.Exists(path))
            throw new StewardInputException($"{path}: live state file or folder not found");
    }

    public string DisplayName => _path;

    public Task<IReadOnlyList<JsonObject>> FetchAsync(IReadOnlyCollection<ObjectIdentity> desired, CancellationToken cancellationToken)
    {
        var files = File.Exists(_path)
            ? [_path]
            : Security.FolderWalk.Files(_path, _path).Select(f => Path.Combine(_path, f.RelativePath)) // no link out, no FIFO
                .Where(f => f.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
                .Order(StringComparer.Ordinal)
                .ToList();
        var objects = new List<JsonObject>();
        foreach (var file in files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var name = File.Exists(_path) ? Path.GetFileName(file) : Path.GetRelativePath(_path, file).Replace('\\', '/');
            // Live state is the operator's own export, possibly a whole cluster: the data-file size
            // applies, not the manifest one; never a FIFO or device, and strict UTF-8.
            var limits = ParseLimits.Default with { MaxYamlBytes = ParseLimits.Default.MaxDataFileBytes };
            foreach (var document in YamlFile.Load(name, Security.SafeFile.ReadText(file, name, limits.MaxDataFileBytes), limits).Documents)
            {
                if (document is not YamlMappingNode map)
                    throw new StewardInputException($"{name}:{document.Start.Line}:{document.Start.Column}: expected a Kubernetes object or List");
                LiveObjectCheck.Validate(name, map);
                Unpack((JsonObject)YamlScalars.ToJson(document)!, objects);
            }
        }
        return Task.FromResult<IReadOnlyList<JsonObject>>(objects);
    }

    /// <summary>Adds an object, or the items of a List (kind List or any *List with items).</summary>
    public static void Unpack(JsonObject obj, List<JsonObject> into)
    {
        var kind = obj["kind"]?.GetValue<string>() ?? "";
        if (obj["items"] is JsonArray items && (kind == "List" || kind.EndsWith("List", StringComparison.Ordinal)))
        {
            // A typed list (e.g. DeploymentList from the API) leaves apiVersion and kind off its items.
            var itemKind = kind == "List" ? null : kind[..^"List".Length];
            foreach (var item in items.OfType<JsonObject>())
            {
                if (itemKind is not null && item["kind"] is null)
                {
                    item["kind"] = itemKind;
                    item["apiVersion"] ??= obj["apiVersion"]?.GetValue<string>();
                }
                into.Add(item);
            }
            return;
        }
        into.Add(obj);
    }
}
