using System.Text.Json.Nodes;
using Steward.Core.Governance.Yaml;
using YamlDotNet.RepresentationModel;

namespace Steward.Core.Policy.Gatekeeper;

/// <summary>
/// What a ConstraintTemplate says, read from its YAML (templates.gatekeeper.sh v1 and v1beta1 alike):
/// the constraint kind it declares (<c>spec.crd.spec.names.kind</c>), the schema of its constraints'
/// parameters (<c>spec.crd.spec.validation.openAPIV3Schema</c>), and the Rego of its
/// admission.k8s.gatekeeper.sh target with its libs: either the target's <c>rego</c>/<c>libs</c>
/// (Rego v0, as Gatekeeper reads them) or a <c>code</c> entry of engine Rego, whose
/// <c>source.version: v1</c> selects Rego v1. Other engines (K8sNativeValidation, CEL) are not run.
/// </summary>
public sealed record TemplateDefinition(string File, string Name, string Kind, YamlScalarNode Rego, IReadOnlyList<YamlScalarNode> Libs, bool RegoV1, JsonObject? ParameterSchema)
{
    /// <param name="file">The template's file, for messages.</param>
    /// <exception cref="StewardInputException">No kind, no admission target, or no Rego: file:line:column.</exception>
    public static TemplateDefinition Read(string file, YamlMappingNode root)
    {
        var spec = Child(root, "spec");
        var crdSpec = Child(Child(spec, "crd"), "spec");
        var kind = Scalar(Child(Child(crdSpec, "names"), "kind"))
            ?? throw new StewardInputException($"{file}:{root.Start.Line}:{root.Start.Column}: spec.crd.spec.names.kind is missing");
        var target = (Child(spec, "targets") as YamlSequenceNode)?.Children.OfType<YamlMappingNode>()
            .FirstOrDefault(t => Scalar(Child(t, "target")) == GatekeeperKinds.AdmissionTarget)
            ?? throw new StewardInputException($"{file}:{root.Start.Line}:{root.Start.Column}: no target {GatekeeperKinds.AdmissionTarget}");
        var rego = Child(target, "rego");
        var libs = Child(target, "libs");
        var v1 = false;
        if (rego is null && Child(target, "code") is YamlSequenceNode code)
        {
            var source = code.Children.OfType<YamlMappingNode>().Where(c => Scalar(Child(c, "engine")) == "Rego").Select(c => Child(c, "source")).FirstOrDefault();
            rego = Child(source, "rego");
            libs = Child(source, "libs");
            v1 = Scalar(Child(source, "version")) is "v1";
        }
        if (rego is not YamlScalarNode regoScalar)
            throw new StewardInputException($"{file}:{target.Start.Line}:{target.Start.Column}: the target has no Rego (spec.targets[].rego, or code[] with engine: Rego)");
        var schema = Child(Child(crdSpec, "validation"), "openAPIV3Schema") is YamlMappingNode s ? YamlScalars.ToJson(s) as JsonObject : null;
        var libList = libs is YamlSequenceNode l ? l.Children.OfType<YamlScalarNode>().ToList() : [];
        return new TemplateDefinition(file, Scalar(Child(Child(root, "metadata"), "name")) ?? "", kind, regoScalar, libList, v1, schema);
    }

    internal static YamlNode? Child(YamlNode? node, string key) =>
        node is YamlMappingNode m && m.Children.TryGetValue(new YamlScalarNode(key), out var v) ? v : null;

    internal static string? Scalar(YamlNode? node) => node is YamlScalarNode s && !YamlScalars.IsNull(s) ? s.Value : null;
}
