using System.Text.Json.Nodes;
using Steward.Core.Governance;

namespace Steward.Core.Policy.Rego;

/// <summary>
/// Policies see every object as JSON, and JSON writers and readers stop at 1,000 levels. An object
/// nested deeper is refused up front with its file and line (exit 2), measured without recursion.
/// </summary>
internal static class InputDepth
{
    /// <summary>Far deeper than any Kubernetes object, and well inside the JSON limit once nested under data.steward.</summary>
    public const int Max = 512;

    public static void Check(IEnumerable<RepositoryObject> objects)
    {
        foreach (var obj in objects)
        {
            if (Exceeds(obj.Json))
                throw new StewardInputException($"{obj.Location}: {obj.Kind} {obj.Name} is nested deeper than {Max} levels, the limit for policy input");
        }
    }

    private static bool Exceeds(JsonNode? root)
    {
        var stack = new Stack<(JsonNode Node, int Depth)>();
        if (root is not null) stack.Push((root, 1));
        while (stack.Count > 0)
        {
            var (node, depth) = stack.Pop();
            if (depth > Max) return true;
            IEnumerable<JsonNode?> children = node switch
            {
                JsonObject o => o.Select(p => p.Value),
                JsonArray a => a,
                _ => [],
            };
            foreach (var child in children)
            {
                if (child is not null) stack.Push((child, depth + 1));
            }
        }
        return false;
    }
}
