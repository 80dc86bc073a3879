using System.Globalization;
using Steward.Core.Governance;
using YamlDotNet.RepresentationModel;

namespace Steward.Core.Policy.Gatekeeper;

/// <summary>Where a field of an object is in its file: the deepest node of the path that exists.</summary>
internal static class YamlPath
{
    /// <param name="path">Mapping keys, and indexes of sequence items as decimal text.</param>
    public static SourceLocation Locate(RepositoryObject obj, IEnumerable<string> path)
    {
        YamlNode node = obj.Node;
        foreach (var segment in path)
        {
            YamlNode? next = node switch
            {
                YamlMappingNode m => m.Children.TryGetValue(new YamlScalarNode(segment), out var v) ? v : null,
                YamlSequenceNode s => int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < s.Children.Count ? s.Children[i] : null,
                _ => null,
            };
            if (next is null) break;
            node = next;
        }
        return obj.Reader.At(node);
    }
}
