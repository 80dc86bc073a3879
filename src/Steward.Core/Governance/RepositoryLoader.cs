using Steward.Core.Findings;
using Steward.Core.Governance.Kinds;
using Steward.Core.Governance.Sources;

namespace Steward.Core.Governance;

/// <summary>
/// Loads a governance repository from a source. steward.yaml is read first: its <c>paths</c> say
/// which files hold manifests (by default, every YAML/JSON document with apiVersion and kind).
/// Every error in the repository (malformed YAML, an unknown steward.dev kind, a field of the wrong
/// type) names file:line:column and the field path; the errors of all files are reported together,
/// one line per file, in one <see cref="StewardInputException"/>.
/// </summary>
public static class RepositoryLoader
{
    /// <summary>From this many files on, the files are read and parsed on all cores.</summary>
    private const int ParallelReadThreshold = 64;

    public static GovernanceRepository LoadFolder(string folder, IReadOnlyList<RenderedManifests>? rendered = null) =>
        Load(new FolderSource(folder), folder, rendered);

    /// <remarks>The root (for the supply-chain files: keys, signatures, SBOMs, provenance) stays the folder on disk.</remarks>
    /// <param name="option">The command-line option that named the revision, for error messages.</param>
    public static GovernanceRepository LoadRevision(string folder, string revision, string option = "--rev", IReadOnlyList<RenderedManifests>? rendered = null) =>
        Load(new GitRevisionSource(folder, revision, option), folder, rendered);

    /// <param name="source">Where the files come from.</param>
    /// <param name="root">The repository folder on disk, when there is one (see <see cref="GovernanceRepository.Root"/>).</param>
    /// <param name="rendered">Manifests rendered outside the repository (--manifests), read after its files.</param>
    public static GovernanceRepository Load(IRepositorySource source, string? root = null, IReadOnlyList<RenderedManifests>? rendered = null)
    {
        var files = source.Files().ToList();
        var collected = new Collected();

        // The settings say where the manifests are, so they are read before anything else.
        var settingsFiles = files.Where(f => RepositoryLayout.IsSettings(f.Path)).ToList();
        var settingsReadings = new FileReading[settingsFiles.Count];
        for (var i = 0; i < settingsFiles.Count; i++)
        {
            settingsReadings[i] = ReadFile(settingsFiles[i], FileRole.Objects);
            collected.AddSettings(settingsFiles[i].Path, settingsReadings[i]);
        }
        collected.ThrowIfFailed();
        var settings = collected.Settings ?? Settings.Default;

        var paths = settings.Paths;
        var charts = RepositoryLayout.ChartFolders(files.Select(f => f.Path));
        var patches = KustomizePatches.Of(files);
        var chosen = new List<ChosenFile>();
        foreach (var file in files)
        {
            var role = patches.Contains(file.Path) ? FileRole.Skip : RepositoryLayout.RoleOf(file.Path, paths, charts);
            if (role != FileRole.Skip) chosen.Add(new ChosenFile(file, role));
        }

        var readings = ReadAll(chosen);
        for (var i = 0; i < settingsFiles.Count; i++)
            collected.Add(settingsFiles[i].Path, settingsReadings[i] with { Objects = [.. settingsReadings[i].Objects.Where(o => !IsSettingsKind(o))] });
        for (var i = 0; i < chosen.Count; i++)
            collected.Add(chosen[i].File.Path, readings[i]);
        var renderedFiles = new HashSet<string>(StringComparer.Ordinal);
        foreach (var stream in rendered ?? [])
            collected.Add(stream.Name, ReadRendered(stream, renderedFiles));
        foreach (var chart in charts)
        {
            var templates = files.Count(f => RepositoryLayout.IsChartTemplate(f.Path, [chart]));
            if (templates > 0)
                collected.Findings.Add(ReadingFindings.HelmChartNotRendered(chart.Length == 0 ? RepositoryLayout.ChartFile : $"{chart}/{RepositoryLayout.ChartFile}", chart, templates));
        }
        collected.RejectDuplicateStewardObjects();
        collected.ThrowIfFailed();

        return new GovernanceRepository(source.DisplayName, settings, collected.Manifests, collected.Models, collected.Budgets, collected.Monitors, Policies(files))
        {
            Root = root is null ? null : Path.GetFullPath(root),
            LinksOutsideRoot = source.LinksOutsideRoot,
            ReadingFindings = collected.Findings,
            Exceptions = collected.Exceptions,
            PolicySets = collected.PolicySets,
            Scan = new RepositoryScan(paths, chosen.Count, charts, rendered?.Count ?? 0) { RenderedFiles = renderedFiles },
        };
    }

    /// <summary>A file the layout chose, with the role it is read in.</summary>
    private sealed record ChosenFile(RepositoryFile File, FileRole Role);

    /// <summary>
    /// The readings of the chosen files, in their order. YAML parsing dominates a large repository's
    /// load and files are independent: they are read and parsed on all cores, each worker taking
    /// the next few files, and classified afterwards in file order, so that results and messages are
    /// those of a sequential load. A small repository is read in sequence: starting workers costs
    /// more than its few files take. (Plain workers over an index, not PLINQ: PLINQ's generic code
    /// over value types is compiled at run time, at every start.)
    /// </summary>
    private static FileReading[] ReadAll(List<ChosenFile> chosen)
    {
        var readings = new FileReading[chosen.Count];
        var workers = chosen.Count < ParallelReadThreshold ? 1 : Environment.ProcessorCount;
        var next = 0;
        void Work()
        {
            while (true)
            {
                var start = Interlocked.Add(ref next, FilesPerTake) - FilesPerTake;
                if (start >= chosen.Count) return;
                for (var i = start; i < Math.Min(start + FilesPerTake, chosen.Count); i++)
                    readings[i] = ReadFile(chosen[i].File, chosen[i].Role);
            }
        }
        if (workers == 1) Work();
        else Parallel.For(0, workers, _ => Work());
        return readings;
    }

    /// <summary>Files a worker takes at a time.</summary>
    private const int FilesPerTake = 8;

    private static List<PolicyFile> Policies(List<RepositoryFile> files) =>
        files.Where(f => RepositoryLayout.IsPolicy(f.Path)).Select(f => new PolicyFile(f.Path, f.ReadText())).ToList();

    private static FileReading ReadFile(RepositoryFile file, FileRole role)
    {
        string text;
        try
        {
            text = file.ReadText();
        }
        catch (StewardInputException ex)
        {
            // Not UTF-8, over the size limit, not a regular file: the source's message names the file.
            return FileReading.Failed(ex.Message);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return FileReading.Failed($"{file.Path}: cannot read: {ex.Message}");
        }
        return ManifestReader.Read(file.Path, text, role);
    }

    /// <summary>A rendered stream, part by part (named after Helm's # Source comments); everything in it is meant as an object.</summary>
    /// <param name="files">Collects the names the parts are read under.</param>
    private static FileReading ReadRendered(RenderedManifests stream, HashSet<string> files)
    {
        var objects = new List<RepositoryObject>();
        var findings = new List<Finding>();
        foreach (var (file, text) in stream.Parts())
        {
            files.Add(file);
            var reading = ManifestReader.Read(file, text, FileRole.Objects);
            if (reading.Error is not null) return reading;
            objects.AddRange(reading.Objects);
            findings.AddRange(reading.Findings);
        }
        return new FileReading(objects, findings, null);
    }

    private static bool IsSettingsKind(RepositoryObject obj) =>
        StewardKinds.IsStewardApiVersion(obj.ApiVersion) && obj.Kind == StewardKinds.Settings;

    /// <summary>What the files hold, sorted by kind, and the errors met: the first of each file.</summary>
    private sealed class Collected
    {
        private readonly List<string> _errors = [];

        public Settings? Settings { get; private set; }
        public List<RepositoryObject> Manifests { get; } = [];
        public List<ModelVersion> Models { get; } = [];
        public List<Budget> Budgets { get; } = [];
        public List<ModelMonitor> Monitors { get; } = [];
        public List<PolicyException> Exceptions { get; } = [];
        public List<PolicySet> PolicySets { get; } = [];
        public List<Finding> Findings { get; } = [];

        public void AddSettings(string origin, FileReading reading)
        {
            if (reading.Error is not null)
            {
                _errors.Add(reading.Error);
                return;
            }
            foreach (var obj in reading.Objects.Where(IsSettingsKind))
            {
                if (Settings is not null)
                {
                    _errors.Add($"{obj.Location}: a second Settings object (the first is at {Settings.Location})");
                    return;
                }
                try
                {
                    Settings = Settings.Parse(obj.Reader);
                }
                catch (StewardInputException ex)
                {
                    _errors.Add(ex.Message);
                    return;
                }
            }
        }

        public void Add(string origin, FileReading reading)
        {
            if (reading.Error is not null)
            {
                _errors.Add(reading.Error);
                return;
            }
            Findings.AddRange(reading.Findings);
            Findings.AddRange(DuplicateObjects(origin, reading.Objects));
            foreach (var obj in reading.Objects)
            {
                try
                {
                    Classify(obj);
                }
                catch (StewardInputException ex)
                {
                    _errors.Add(ex.Message);
                    return;
                }
            }
        }

        private void Classify(RepositoryObject obj)
        {
            if (!StewardKinds.IsStewardApiVersion(obj.ApiVersion))
            {
                Manifests.Add(obj);
                return;
            }
            switch (obj.Kind)
            {
                case StewardKinds.Settings:
                    throw new StewardInputException(Settings is null
                        ? $"{obj.Location}: a Settings object belongs in {RepositoryLayout.SettingsFile} at the repository root (it says where the other files are)"
                        : $"{obj.Location}: a second Settings object (the first is at {Settings.Location})");
                case StewardKinds.ModelVersion:
                    Models.Add(ModelVersion.Parse(obj));
                    break;
                case StewardKinds.Budget:
                    Budgets.Add(Budget.Parse(obj));
                    break;
                case StewardKinds.Monitor:
                    Monitors.Add(ModelMonitor.Parse(obj));
                    break;
                case StewardKinds.PolicyException:
                    // A malformed exception suppresses nothing and says why as a finding: the rest of the check still reports.
                    if (Policy.Exceptions.ExceptionFindings.TryParse(obj, Exceptions, out var invalid)) break;
                    Findings.Add(invalid!);
                    break;
                case StewardKinds.PolicySet:
                    PolicySets.Add(PolicySet.Parse(obj));
                    break;
                default:
                    throw new StewardInputException(
                        $"{obj.Reader.LocationOf("kind")}: kind: unknown {obj.ApiVersion} kind \"{obj.Kind}\" (expected one of {string.Join(", ", StewardKinds.All)})");
            }
        }

        /// <summary>
        /// The same object twice in one file or one rendered stream: one definition hides the other
        /// when applied. (The same object in several files is normal: overlays, environments.)
        /// </summary>
        private static IEnumerable<Finding> DuplicateObjects(string origin, IReadOnlyList<RepositoryObject> objects)
        {
            if (objects.Count > PairwiseLimit)
            {
                var seen = new Dictionary<Identity, RepositoryObject>();
                foreach (var obj in objects.Where(IsIdentified))
                {
                    var identity = new Identity(obj.Group, obj.Kind, obj.Namespace ?? "", obj.Name);
                    if (seen.TryGetValue(identity, out var first))
                        yield return ReadingFindings.DuplicateObjectIn(origin, obj, first);
                    else
                        seen[identity] = obj;
                }
                yield break;
            }
            // Most files hold one or two objects: compare them pairwise, without a table.
            for (var i = 1; i < objects.Count; i++)
            {
                var obj = objects[i];
                if (!IsIdentified(obj)) continue;
                for (var j = 0; j < i; j++)
                {
                    if (IsIdentified(objects[j]) && SameIdentity(objects[j], obj))
                    {
                        // The first definition is the one named, as a later duplicate of a duplicate names it too.
                        yield return ReadingFindings.DuplicateObjectIn(origin, obj, objects[j]);
                        break;
                    }
                }
            }
        }

        /// <summary>What makes two objects of one file the same object when applied.</summary>
        private sealed record Identity(string Group, string Kind, string Namespace, string Name);

        /// <summary>Up to this many objects in one file, duplicates are found by comparing every pair.</summary>
        private const int PairwiseLimit = 16;

        private static bool IsIdentified(RepositoryObject obj) => obj.Name.Length > 0 && !StewardKinds.IsStewardApiVersion(obj.ApiVersion);

        private static bool SameIdentity(RepositoryObject a, RepositoryObject b) =>
            a.Name == b.Name && a.Kind == b.Kind && (a.Namespace ?? "") == (b.Namespace ?? "") && a.Group == b.Group;

        public void RejectDuplicateStewardObjects()
        {
            RejectDuplicates(Models, m => m.Key, m => m.Object.Location, "ModelVersion");
            RejectDuplicates(Budgets, b => b.Name, b => b.Object.Location, "Budget");
            RejectDuplicates(Monitors, m => m.Name, m => m.Object.Location, "Monitor");
            RejectDuplicates(PolicySets, s => s.Name, s => s.Object.Location, "PolicySet");
            foreach (var project in PolicySets.Where(s => s.Parent is not null))
            {
                if (!PolicySets.Any(s => s.Level == PolicyLevel.Team && s.Name == project.Parent))
                    _errors.Add($"{project.Object.Reader.Mapping("spec")!.LocationOf("parent")}: spec.parent: no team PolicySet named \"{project.Parent}\"");
            }
        }

        private void RejectDuplicates<T>(IEnumerable<T> items, Func<T, string> key, Func<T, SourceLocation> location, string kind)
        {
            var seen = new Dictionary<string, SourceLocation>(StringComparer.Ordinal);
            foreach (var item in items)
            {
                if (seen.TryGetValue(key(item), out var first))
                    _errors.Add($"{location(item)}: duplicate {kind} \"{key(item)}\" (first defined at {first})");
                else
                    seen[key(item)] = location(item);
            }
        }

        /// <summary>Every unreadable file at once, one line each, rather than one per run.</summary>
        public void ThrowIfFailed()
        {
            if (_errors.Count > 0) throw new StewardInputException(string.Join("\n", _errors));
        }
    }
}
