using System.Text.RegularExpressions;
using Steward.Core.Findings;
using Steward.Core.Governance.Yaml;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Steward.Core.Governance;

/// <summary>The objects of one file (or one part of a rendered stream), what is worth a finding, and the first error.</summary>
public sealed record FileReading(IReadOnlyList<RepositoryObject> Objects, IReadOnlyList<Finding> Findings, string? Error)
{
    public static FileReading Empty { get; } = new([], [], null);

    public static FileReading Failed(string error) => new([], [], error);
}

/// <summary>
/// Reads the objects of one YAML/JSON text. A file of <see cref="FileRole.Objects"/> is strict:
/// every document is an object and anything malformed is an error. A discovered file is read for
/// whatever Kubernetes objects it holds: a document without apiVersion and kind is not one and is
/// passed over, and a file that does not parse is an error only when it looks like a manifest.
/// </summary>
public static partial class ManifestReader
{
    public static FileReading Read(string file, string text, FileRole role)
    {
        var discovered = role == FileRole.Discovered;
        // Cheap first pass: a file that never says apiVersion and kind holds no object (package.json, a workflow...).
        if (discovered && !(text.Contains("apiVersion", StringComparison.Ordinal) && text.Contains("kind", StringComparison.Ordinal)))
            return FileReading.Empty;

        YamlParseResult parsed;
        try
        {
            parsed = YamlFile.Load(file, text);
        }
        catch (StewardInputException ex)
        {
            if (!discovered) return FileReading.Failed(ex.Message);
            return Unparsed(file, text, ex);
        }

        var objects = new List<RepositoryObject>();
        var findings = new List<Finding>();
        foreach (var document in parsed.Documents)
        {
            try
            {
                if (discovered && NotAnObject(file, document) is var skip && skip is not null)
                {
                    if (skip.Length > 0) findings.Add(ReadingFindings.SkippedFile(file, (int)document.Start.Line, (int)document.Start.Column, skip));
                    continue;
                }
                objects.AddRange(Objects(file, document).Where(o => !IsToolConfig(o)));
            }
            catch (StewardInputException ex)
            {
                // `name: {{ .Values.name }}` parses as YAML (a mapping in a mapping) and fails as an object.
                if (discovered && IsTemplated(text))
                    return new([], [ReadingFindings.SkippedFile(file, (int)document.Start.Line, (int)document.Start.Column, TemplateReason)], null);
                return FileReading.Failed(ex.Message);
            }
        }
        // A discovered file without objects is not a manifest: its warnings are not Steward's business.
        if (!discovered || objects.Count > 0)
            findings.AddRange(parsed.Diagnostics.Select(d => ReadingFindings.FromDiagnostic(d, objects)));
        return new FileReading(objects, findings, null);
    }

    /// <summary>
    /// Why a discovered document is not read as an object: null when it is one, "" when it is plainly
    /// something else (no apiVersion, no kind), a reason worth an info finding when it is half of one.
    /// </summary>
    private static string? NotAnObject(string file, YamlNode document)
    {
        if (document is not YamlMappingNode map) return "";
        var reader = new NodeReader(file, map, "");
        var apiVersion = reader.Get("apiVersion");
        var kind = reader.Get("kind");
        if (apiVersion is null && kind is null) return "";
        if (apiVersion is YamlScalarNode { Value.Length: > 0 } && kind is YamlScalarNode { Value.Length: > 0 }) return null;
        return apiVersion is null ? "the document has a kind but no apiVersion"
            : kind is null ? "the document has an apiVersion but no kind"
            : "apiVersion and kind are not both strings";
    }

    /// <summary>A discovered file that is not YAML: an error if it looks like a broken manifest, else an info.</summary>
    private static FileReading Unparsed(string file, string text, StewardInputException ex)
    {
        var (line, column) = ex.InnerException is YamlException y ? ((int)y.Start.Line, (int)y.Start.Column) : (1, 1);
        if (IsTemplated(text))
            return new([], [ReadingFindings.SkippedFile(file, line, column, TemplateReason)], null);
        if (ApiVersionLine().IsMatch(text) && KindLine().IsMatch(text))
            return FileReading.Failed(ex.Message + " (if it is not a manifest, add it to paths.exclude in steward.yaml)");
        return new([], [ReadingFindings.SkippedFile(file, line, column, $"it is not valid YAML (line {line}, column {column}) and does not look like a Kubernetes object")], null);
    }

    private const string TemplateReason = "it holds template markup ({{ }}) and is not YAML until rendered; pass the rendered output with --manifests";

    private static bool IsTemplated(string text) => text.Contains("{{", StringComparison.Ordinal);

    /// <summary>The objects of one document: itself, or the items of a Kubernetes List.</summary>
    public static IEnumerable<RepositoryObject> Objects(string file, YamlNode document)
    {
        if (document is not YamlMappingNode map)
            throw new StewardInputException($"{file}:{document.Start.Line}:{document.Start.Column}: expected an object (a mapping with apiVersion and kind), got {NodeReader.Describe(document)}");
        var reader = new NodeReader(file, map, "");
        var apiVersion = reader.String("apiVersion", required: true)!;
        var kind = reader.String("kind", required: true)!;
        if (kind == "List" || (kind.EndsWith("List", StringComparison.Ordinal) && reader.Get("items") is YamlSequenceNode))
        {
            var items = reader.Sequence("items");
            var result = new List<RepositoryObject>(items.Count);
            for (var i = 0; i < items.Count; i++)
            {
                var item = reader.Child(items[i], $"items[{i}]");
                result.Add(new RepositoryObject(item, item.String("apiVersion", required: true)!, item.String("kind", required: true)!));
            }
            return result;
        }
        return [new RepositoryObject(reader, apiVersion, kind)];
    }

    /// <summary>A Kustomization, Kptfile or Skaffold config: apiVersion and kind, but never applied to a cluster.</summary>
    private static bool IsToolConfig(RepositoryObject obj) => RepositoryLayout.ToolConfigGroups.Contains(obj.Group);

    [GeneratedRegex("""^[ \t]*"?apiVersion"?[ \t]*:""", RegexOptions.Multiline)]
    private static partial Regex ApiVersionLine();

    [GeneratedRegex("""^[ \t]*"?kind"?[ \t]*:""", RegexOptions.Multiline)]
    private static partial Regex KindLine();
}
