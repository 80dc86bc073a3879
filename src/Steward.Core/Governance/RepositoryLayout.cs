using Steward.Core.Governance.Kinds;

namespace Steward.Core.Governance;

/// <summary>How a file of the repository is read.</summary>
public enum FileRole
{
    /// <summary>Not read as objects.</summary>
    Skip,

    /// <summary>
    /// A folder of Steward's kinds (models/, budgets/, monitors/, manifests/) or a file of
    /// paths.manifests: every document is an object and a file that does not parse is an error.
    /// </summary>
    Objects,

    /// <summary>
    /// Found by default discovery: documents with apiVersion and kind are objects, anything else
    /// (values.yaml, docker-compose, OpenAPI...) is not Kubernetes and is passed over.
    /// </summary>
    Discovered,
}

/// <summary>Which files of the repository Steward reads, and as what.</summary>
public static class RepositoryLayout
{
    public const string SettingsFile = "steward.yaml";

    /// <summary>The folders of YAML objects; an object's kind decides what it is, not its folder.</summary>
    public static readonly IReadOnlyList<string> ObjectFolders = ["models", "manifests", "budgets", "monitors", "exceptions"];

    /// <summary>The folders of Steward's own kinds, read whatever paths.manifests says.</summary>
    public static readonly IReadOnlyList<string> StewardFolders = ["models", "budgets", "monitors", "exceptions"];

    public const string PolicyFolder = "policies";

    public const string ChartFile = "Chart.yaml";

    /// <summary>Folders default discovery never enters (besides hidden ones): installed packages are not the repository's manifests.</summary>
    public static readonly IReadOnlyList<string> NeverDiscovered = ["node_modules"];

    /// <summary>Build-tool files that look like objects (apiVersion and kind) but are never applied to a cluster.</summary>
    public static readonly IReadOnlyList<string> ToolConfigGroups = ["kustomize.config.k8s.io", "kpt.dev", "skaffold"];

    private static readonly HashSet<string> ToolFileNames = new(StringComparer.Ordinal)
    {
        ChartFile, "Chart.lock", "kustomization.yaml", "kustomization.yml", "Kustomization", "values.schema.json",
    };

    public static bool IsIgnored(string relativePath) =>
        relativePath.Split('/').Any(segment => segment.StartsWith('.'));

    public static bool IsSettings(string path) => path is SettingsFile or "steward.yml";

    public static bool IsYamlOrJson(string path) =>
        path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase) ||
        path.EndsWith(".json", StringComparison.OrdinalIgnoreCase);

    public static bool IsObjectFile(string path) =>
        ObjectFolders.Any(folder => IsUnder(path, folder)) && IsYamlOrJson(path);

    public static bool IsPolicy(string path) =>
        path.StartsWith(PolicyFolder + "/", StringComparison.Ordinal) && path.EndsWith(".rego", StringComparison.Ordinal);

    public static bool IsPolicyTest(string path) => IsPolicy(path) && path.EndsWith("_test.rego", StringComparison.Ordinal);

    /// <summary>The folders holding a Chart.yaml ("" for the repository root), in path order.</summary>
    public static IReadOnlyList<string> ChartFolders(IEnumerable<string> paths) =>
        paths.Where(p => FileName(p) == ChartFile).Select(Folder).Order(StringComparer.Ordinal).ToList();

    /// <summary>Whether a file lies in the templates/ folder of one of the charts: Go templates, not YAML.</summary>
    public static bool IsChartTemplate(string path, IReadOnlyList<string> chartFolders) =>
        chartFolders.Any(chart => IsUnder(path, chart.Length == 0 ? "templates" : chart + "/templates"));

    public static FileRole RoleOf(string path, PathSettings paths, IReadOnlyList<string> chartFolders)
    {
        if (!IsYamlOrJson(path) || IsSettings(path) || IsUnder(path, PolicyFolder)) return FileRole.Skip;
        if (ToolFileNames.Contains(FileName(path)) || IsChartValues(path, chartFolders) || IsChartTemplate(path, chartFolders)) return FileRole.Skip;
        if (paths.Exclude.Any(g => g.Matches(path))) return FileRole.Skip;
        if (StewardFolders.Any(folder => IsUnder(path, folder))) return FileRole.Objects;
        if (!paths.Discover) return paths.Manifests.Any(g => g.Matches(path)) ? FileRole.Objects : FileRole.Skip;
        if (IsUnder(path, "manifests")) return FileRole.Objects;
        return path.Split('/').Any(NeverDiscovered.Contains) ? FileRole.Skip : FileRole.Discovered;
    }

    /// <summary>values.yaml, values-prod.yaml... at the top of a chart: inputs of the templates, not objects.</summary>
    private static bool IsChartValues(string path, IReadOnlyList<string> chartFolders) =>
        FileName(path).StartsWith("values", StringComparison.Ordinal) && chartFolders.Contains(Folder(path));

    private static bool IsUnder(string path, string folder) => path.StartsWith(folder + "/", StringComparison.Ordinal);

    private static string FileName(string path) => path[(path.LastIndexOf('/') + 1)..];

    private static string Folder(string path) => path.LastIndexOf('/') is var i and >= 0 ? path[..i] : "";
}
