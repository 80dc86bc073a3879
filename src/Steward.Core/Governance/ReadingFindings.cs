using Steward.Core.Findings;
using Steward.Core.Governance.Yaml;

namespace Steward.Core.Governance;

/// <summary>
/// What reading the repository found worth telling without stopping: a duplicated key, the same
/// object twice in one file, a Helm chart whose templates cannot be read, a file that was skipped.
/// The rule ids are a contract (docs/rules.md).
/// </summary>
public static class ReadingFindings
{
    public const string DuplicateKey = "manifest-duplicate-key";
    public const string DuplicateObject = "manifest-duplicate-object";
    public const string HelmChart = "manifest-helm-chart";
    public const string Skipped = "manifest-skipped";

    /// <summary>A YAML diagnostic (code <c>duplicate-key</c> → rule <c>manifest-duplicate-key</c>) on the object it lies in.</summary>
    public static Finding FromDiagnostic(YamlDiagnostic diagnostic, IEnumerable<RepositoryObject> objects)
    {
        // Objects come in document order: the key lies in the last one that starts before it.
        var within = objects.LastOrDefault(o => o.File == diagnostic.File && o.Location.Line <= diagnostic.Line);
        var subject = within is null ? new Subject() : Of(within);
        return new Finding
        {
            RuleId = "manifest-" + diagnostic.Code,
            Severity = Severity.Warning,
            Category = Category.GitOps,
            Subject = subject with { File = diagnostic.File, Line = diagnostic.Line, Column = diagnostic.Column },
            Message = diagnostic.Message,
            Evidence = new Dictionary<string, object?> { ["code"] = diagnostic.Code },
            SuggestedAction = diagnostic.Code == "duplicate-key"
                ? "Keep one of the keys: kubectl keeps the last value, other tools may keep the first."
                : null,
        };
    }

    public static Finding DuplicateObjectIn(string origin, RepositoryObject duplicate, RepositoryObject first) => new()
    {
        RuleId = DuplicateObject,
        Severity = Severity.Warning,
        Category = Category.GitOps,
        Subject = Of(duplicate),
        Message = $"{duplicate} is defined twice in {origin} (first at {first.Location}); applying it, the last definition wins",
        Evidence = new Dictionary<string, object?> { ["first"] = first.Location.ToString(), ["origin"] = origin },
        SuggestedAction = "Remove one of the two definitions, or give them different names or namespaces.",
    };

    public static Finding HelmChartNotRendered(string chartFile, string chartFolder, int templates) => new()
    {
        RuleId = HelmChart,
        Severity = Severity.Info,
        Category = Category.GitOps,
        Subject = new Subject { File = chartFile, Line = 1, Column = 1 },
        Message = $"Helm chart {(chartFolder.Length == 0 ? "." : chartFolder)}: its {templates} template file(s) are not YAML until rendered and were not read",
        Evidence = new Dictionary<string, object?> { ["chart"] = chartFolder.Length == 0 ? "." : chartFolder, ["templates"] = templates },
        SuggestedAction = $"Check the rendered chart: helm template {(chartFolder.Length == 0 ? "." : chartFolder)} | steward check --manifests -",
    };

    public static Finding SkippedFile(string file, int line, int column, string reason) => new()
    {
        RuleId = Skipped,
        Severity = Severity.Info,
        Category = Category.GitOps,
        Subject = new Subject { File = file, Line = line, Column = column },
        Message = $"{file} was not read as a manifest: {reason}",
        Evidence = new Dictionary<string, object?> { ["reason"] = reason },
        SuggestedAction = "If it holds manifests, fix it or list it in paths.manifests of steward.yaml (a broken file there is an error); otherwise add it to paths.exclude.",
    };

    private static Subject Of(RepositoryObject obj) => new()
    {
        File = obj.File,
        Line = obj.Location.Line,
        Column = obj.Location.Column,
        ApiVersion = obj.ApiVersion,
        Kind = obj.Kind,
        Name = obj.Name,
        Namespace = obj.Namespace,
    };
}
