namespace Steward.Core.Governance;

/// <summary>Which files of the repository Steward reads, and as what.</summary>
public static class RepositoryLayout
{
    public const string SettingsFile = "steward.yaml";

    /// <summary>The folders of YAML objects; an object's kind decides what it is, not its folder.</summary>
    public static readonly IReadOnlyList<string> ObjectFolders = ["models", "manifests", "budgets", "monitors"];

    public const string PolicyFolder = "policies";

    public static bool IsIgnored(string relativePath) =>
        relativePath.Split('/').Any(segment => segment.StartsWith('.'));

    public static bool IsSettings(string path) => path is SettingsFile or "steward.yml";

    public static bool IsObjectFile(string path) =>
        ObjectFolders.Any(folder => path.StartsWith(folder + "/", StringComparison.Ordinal)) &&
        (path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase) ||
         path.EndsWith(".json", StringComparison.OrdinalIgnoreCase));

    public static bool IsPolicy(string path) =>
        path.StartsWith(PolicyFolder + "/", StringComparison.Ordinal) && path.EndsWith(".rego", StringComparison.Ordinal);

    public static bool IsPolicyTest(string path) => IsPolicy(path) && path.EndsWith("_test.rego", StringComparison.Ordinal);
}
