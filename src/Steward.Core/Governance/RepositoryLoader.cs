using Steward.Core.Governance.Kinds;
using Steward.Core.Governance.Sources;
using Steward.Core.Governance.Yaml;
using YamlDotNet.RepresentationModel;

namespace Steward.Core.Governance;

/// <summary>
/// Loads a governance repository from a source. Any error in the repository (malformed YAML, an
/// unknown steward.dev kind, a field of the wrong type) is a <see cref="StewardInputException"/>
/// naming file:line:column and the field path.
/// </summary>
public static class RepositoryLoader
{
    public static GovernanceRepository LoadFolder(string folder) => Load(new FolderSource(folder), folder);

    /// <remarks>The root (for the supply-chain files: keys, signatures, SBOMs, provenance) stays the folder on disk.</remarks>
    /// <param name="option">The command-line option that named the revision, for error messages.</param>
    public static GovernanceRepository LoadRevision(string folder, string revision, string option = "--rev") => Load(new GitRevisionSource(folder, revision, option), folder);

    /// <param name="source">Where the files come from.</param>
    /// <param name="root">The repository folder on disk, when there is one (see <see cref="GovernanceRepository.Root"/>).</param>
    public static GovernanceRepository Load(IRepositorySource source, string? root = null)
    {
        Settings? settings = null;
        var manifests = new List<RepositoryObject>();
        var models = new List<ModelVersion>();
        var budgets = new List<Budget>();
        var monitors = new List<ModelMonitor>();
        var policies = new List<PolicyFile>();

        var files = source.Files().ToList();
        foreach (var file in files.Where(f => RepositoryLayout.IsPolicy(f.Path)))
            policies.Add(new PolicyFile(file.Path, file.ReadText()));

        // YAML parsing dominates a large repository's load and files are independent: parse them
        // on all cores, then classify in file order so that results and the first error reported
        // are the same as a sequential load.
        var parsed = files
            .Where(f => RepositoryLayout.IsSettings(f.Path) || RepositoryLayout.IsObjectFile(f.Path))
            .AsParallel().AsOrdered()
            .Select(ParseFile)
            .ToList();

        foreach (var (objects, error) in parsed)
        {
            if (error is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(error);
            foreach (var obj in objects!)
            {
                if (!StewardKinds.IsStewardApiVersion(obj.ApiVersion))
                {
                    manifests.Add(obj);
                    continue;
                }
                switch (obj.Kind)
                {
                    case StewardKinds.Settings:
                        if (settings is not null)
                            throw new StewardInputException($"{obj.Location}: a second Settings object (the first is at {settings.Location})");
                        settings = Settings.Parse(obj.Reader);
                        break;
                    case StewardKinds.ModelVersion:
                        models.Add(ModelVersion.Parse(obj));
                        break;
                    case StewardKinds.Budget:
                        budgets.Add(Budget.Parse(obj));
                        break;
                    case StewardKinds.Monitor:
                        monitors.Add(ModelMonitor.Parse(obj));
                        break;
                    default:
                        throw new StewardInputException(
                            $"{obj.Reader.LocationOf("kind")}: kind: unknown {obj.ApiVersion} kind \"{obj.Kind}\" (expected one of {string.Join(", ", StewardKinds.All)})");
                }
            }
        }

        RejectDuplicates(models, m => m.Key, m => m.Object.Location, "ModelVersion");
        RejectDuplicates(budgets, b => b.Name, b => b.Object.Location, "Budget");
        RejectDuplicates(monitors, m => m.Name, m => m.Object.Location, "Monitor");

        return new GovernanceRepository(source.DisplayName, settings ?? Settings.Default, manifests, models, budgets, monitors, policies)
        {
            Root = root is null ? null : Path.GetFullPath(root),
            LinksOutsideRoot = source.LinksOutsideRoot,
        };
    }

    private static (List<RepositoryObject>? Objects, Exception? Error) ParseFile(RepositoryFile file)
    {
        try
        {
            return (YamlFile.Parse(file.Path, file.ReadText()).SelectMany(document => Objects(file.Path, document)).ToList(), null);
        }
        catch (StewardInputException ex)
        {
            return (null, ex);
        }
        catch (IOException ex)
        {
            return (null, new StewardInputException($"{file.Path}: cannot read: {ex.Message}", ex));
        }
    }

    /// <summary>The objects of one document: itself, or the items of a Kubernetes List.</summary>
    private static IEnumerable<RepositoryObject> Objects(string file, YamlNode document)
    {
        if (document is not YamlMappingNode map)
            throw new StewardInputException($"{file}:{document.Start.Line}:{document.Start.Column}: expected an object (a mapping with apiVersion and kind), got {NodeReader.Describe(document)}");
        var reader = new NodeReader(file, map, "");
        var apiVersion = reader.String("apiVersion", required: true)!;
        var kind = reader.String("kind", required: true)!;
        if (kind == "List" || (kind.EndsWith("List", StringComparison.Ordinal) && reader.Get("items") is YamlSequenceNode))
        {
            var items = reader.Sequence("items");
            for (var i = 0; i < items.Count; i++)
            {
                var item = reader.Child(items[i], $"items[{i}]");
                yield return new RepositoryObject(item, item.String("apiVersion", required: true)!, item.String("kind", required: true)!);
            }
            yield break;
        }
        yield return new RepositoryObject(reader, apiVersion, kind);
    }

    private static void RejectDuplicates<T>(IEnumerable<T> items, Func<T, string> key, Func<T, SourceLocation> location, string kind)
    {
        var seen = new Dictionary<string, SourceLocation>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            if (seen.TryGetValue(key(item), out var first))
                throw new StewardInputException($"{location(item)}: duplicate {kind} \"{key(item)}\" (first defined at {first})");
            seen[key(item)] = location(item);
        }
    }
}
