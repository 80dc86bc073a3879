using Steward.Core.Governance.Sources;
using Steward.Core.Governance.Yaml;
using YamlDotNet.RepresentationModel;

namespace Steward.Core.Governance;

/// <summary>
/// The patch files of the repository's kustomizations. A patch looks like an object (apiVersion,
/// kind, name) but holds only the fields it changes: read as a Deployment it would have no
/// containers, labels or resources, so default discovery passes over the files that a
/// kustomization.yaml lists under <c>patches</c>, <c>patchesStrategicMerge</c> or <c>patchesJson6902</c>.
/// </summary>
public static class KustomizePatches
{
    private static readonly HashSet<string> FileNames = new(StringComparer.Ordinal) { "kustomization.yaml", "kustomization.yml", "Kustomization" };

    /// <summary>The repository paths of every patch file named by a kustomization (one that does not parse names none).</summary>
    public static IReadOnlySet<string> Of(IEnumerable<RepositoryFile> files)
    {
        var patches = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in files.Where(f => FileNames.Contains(f.Path[(f.Path.LastIndexOf('/') + 1)..])))
        {
            var folder = file.Path.LastIndexOf('/') is var i and >= 0 ? file.Path[..i] : "";
            foreach (var relative in PatchPaths(file))
            {
                if (Resolve(folder, relative) is { } path) patches.Add(path);
            }
        }
        return patches;
    }

    private static IEnumerable<string> PatchPaths(RepositoryFile file)
    {
        YamlMappingNode? root;
        try
        {
            root = YamlFile.Load(file.Path, file.ReadText()).Documents is [YamlMappingNode first, ..] ? first : null;
        }
        catch (Exception ex) when (ex is StewardInputException or IOException or UnauthorizedAccessException)
        {
            yield break;
        }
        if (root is null) yield break;
        foreach (var key in new[] { "patches", "patchesStrategicMerge", "patchesJson6902" })
        {
            if (!root.Children.TryGetValue(new YamlScalarNode(key), out var value) || value is not YamlSequenceNode items) continue;
            foreach (var item in items)
            {
                // patchesStrategicMerge lists paths (or inline patches); patches and patchesJson6902 list {path: ...}.
                var path = item switch
                {
                    YamlScalarNode s => s.Value,
                    YamlMappingNode m when m.Children.TryGetValue(new YamlScalarNode("path"), out var p) && p is YamlScalarNode ps => ps.Value,
                    _ => null,
                };
                if (path is { Length: > 0 } && !path.Contains('\n', StringComparison.Ordinal)) yield return path;
            }
        }
    }

    /// <summary>A path relative to a kustomization's folder as a repository path, or null when it leaves the repository.</summary>
    private static string? Resolve(string folder, string relative)
    {
        if (relative.StartsWith('/') || relative.Contains("://", StringComparison.Ordinal)) return null;
        var segments = new List<string>();
        foreach (var segment in (folder.Length == 0 ? relative : folder + "/" + relative).Split('/'))
        {
            if (segment is "" or ".") continue;
            if (segment == "..")
            {
                if (segments.Count == 0) return null;
                segments.RemoveAt(segments.Count - 1);
                continue;
            }
            segments.Add(segment);
        }
        return string.Join('/', segments);
    }
}
