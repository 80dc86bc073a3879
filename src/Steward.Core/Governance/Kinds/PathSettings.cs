using Steward.Core.Governance.Yaml;

namespace Steward.Core.Governance.Kinds;

/// <summary>
/// steward.yaml <c>paths</c>: where the Kubernetes manifests are. Without <c>manifests</c>, every
/// YAML/JSON document with apiVersion and kind anywhere in the repository is read.
/// </summary>
public sealed record PathSettings
{
    public static PathSettings Default { get; } = new();

    /// <summary>paths.manifests: the files (or folders) to read manifests from; empty means discover them everywhere.</summary>
    public IReadOnlyList<PathGlob> Manifests { get; init; } = [];

    /// <summary>paths.exclude: files or folders never read as manifests.</summary>
    public IReadOnlyList<PathGlob> Exclude { get; init; } = [];

    public bool Discover => Manifests.Count == 0;

    public static PathSettings Parse(NodeReader? reader)
    {
        if (reader is null) return Default;
        return new PathSettings { Manifests = Globs(reader, "manifests"), Exclude = Globs(reader, "exclude") };
    }

    private static List<PathGlob> Globs(NodeReader reader, string key)
    {
        var patterns = reader.StringList(key);
        var globs = new List<PathGlob>(patterns.Count);
        for (var i = 0; i < patterns.Count; i++)
        {
            globs.Add(PathGlob.TryParse(patterns[i], out var error)
                ?? throw reader.Error(reader.Sequence(key)[i], $"{reader.FieldPath(key)}[{i}]", error!));
        }
        return globs;
    }
}
