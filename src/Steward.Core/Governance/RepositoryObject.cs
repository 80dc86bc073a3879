using Steward.Core.Collections;
using System.Text.Json.Nodes;
using Steward.Core.Governance.Yaml;
using Steward.Rego.Values;
using YamlDotNet.RepresentationModel;

namespace Steward.Core.Governance;

/// <summary>
/// One YAML document of the repository with its identity and position. Kubernetes objects of any
/// kind (CRDs included) are kept as they are, for the checks and the policies.
/// </summary>
public sealed class RepositoryObject
{
    private JsonObject? _json;
    private RegoValue? _policyInput;
    private string? _group;

    public RepositoryObject(NodeReader reader, string apiVersion, string kind)
    {
        Reader = reader;
        ApiVersion = apiVersion;
        Kind = kind;
        var metadata = reader.Mapping("metadata");
        Name = metadata?.String("name") ?? "";
        Namespace = metadata?.String("namespace");
        Labels = metadata?.StringMap("labels") ?? OrdinalDictionary<string>.Empty;
        Annotations = metadata?.StringMap("annotations") ?? OrdinalDictionary<string>.Empty;
    }

    public NodeReader Reader { get; }
    public string ApiVersion { get; }
    public string Kind { get; }
    public string Name { get; }
    public string? Namespace { get; }
    public IReadOnlyDictionary<string, string> Labels { get; }
    public IReadOnlyDictionary<string, string> Annotations { get; }

    public string File => Reader.File;
    public SourceLocation Location => Reader.Location;
    public YamlMappingNode Node => Reader.Node;

    /// <summary>The API group: the part of apiVersion before '/', "" for the core group.</summary>
    public string Group => _group ??= ApiVersion.IndexOf('/', StringComparison.Ordinal) is var slash and >= 0 ? ApiVersion[..slash] : "";

    /// <summary>The object as JSON, as a policy sees it (built once, on first use).</summary>
    public JsonObject Json => _json ??= (JsonObject)YamlScalars.ToJson(Node)!;

    /// <summary>
    /// The object as Rego values, as a policy sees it (input, and among data.steward.manifests):
    /// the values of <see cref="Json"/>, built once, on first use, without building <see cref="Json"/>.
    /// </summary>
    public RegoValue PolicyInput => _policyInput ??= new YamlRegoValues().Convert(Node);

    /// <summary>As <see cref="PolicyInput"/>, converted with <paramref name="values"/> (whose strings many objects share) when not yet built.</summary>
    internal RegoValue PolicyInputWith(YamlRegoValues values) => _policyInput ??= values.Convert(Node);

    /// <summary>
    /// As <see cref="PolicyInputWith"/> when the object is at most <paramref name="maxDepth"/> levels deep
    /// (see <see cref="YamlRegoValues.ConvertWithin"/>), else null and nothing kept. A value built earlier
    /// is returned as it is: <paramref name="wasBuilt"/> tells the caller its depth was not measured here.
    /// </summary>
    internal RegoValue? PolicyInputWithin(YamlRegoValues values, int maxDepth, out bool wasBuilt)
    {
        wasBuilt = _policyInput is not null;
        return _policyInput ??= values.ConvertWithin(Node, maxDepth);
    }

    public override string ToString() => Namespace is null ? $"{Kind}/{Name}" : $"{Kind}/{Namespace}/{Name}";
}
