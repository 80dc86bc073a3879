using Steward.Core.Governance;
using Steward.Core.Governance.Yaml;
using YamlDotNet.RepresentationModel;

namespace Steward.Core.Policy.Rego;

/// <summary>
/// Policies see every object as JSON, and JSON writers and readers stop at 1,000 levels. An object
/// nested deeper is refused up front with its file and line (exit 2). Measured on the YAML nodes,
/// level for level as on the object's JSON (<see cref="YamlScalars.ToJson"/>: a null is no level), so
/// that no JSON copy is made for it; the recursion stops at the limit.
/// </summary>
internal static class InputDepth
{
    /// <summary>Far deeper than any Kubernetes object, and well inside the JSON limit once nested under data.steward.</summary>
    public const int Max = 512;

    public static void Check(IEnumerable<RepositoryObject> objects)
    {
        foreach (var obj in objects)
        {
            if (Exceeds(obj)) throw TooDeep(obj);
        }
    }

    /// <summary>Whether the object is nested deeper than <see cref="Max"/> (see also <see cref="YamlRegoValues.ConvertWithin"/>, which measures the same while converting).</summary>
    public static bool Exceeds(RepositoryObject obj) => Exceeds(obj.Node, 1);

    public static StewardInputException TooDeep(RepositoryObject obj) =>
        new($"{obj.Location}: {obj.Kind} {obj.Name} is nested deeper than {Max} levels, the limit for policy input");

    private static bool Exceeds(YamlNode node, int depth)
    {
        // A scalar is a level only below the limit, where the null test decides (a null is no level);
        // above it no test is needed, and most nodes are scalars above it.
        if (depth > Max) return node is not YamlScalarNode scalar || !YamlScalars.IsNull(scalar);
        switch (node)
        {
            case YamlMappingNode mapping:
                foreach (var entry in mapping.Children)
                {
                    if (Exceeds(entry.Value, depth + 1)) return true;
                }
                return false;
            case YamlSequenceNode sequence:
                foreach (var item in sequence.Children)
                {
                    if (Exceeds(item, depth + 1)) return true;
                }
                return false;
            default:
                return false;
        }
    }
}
