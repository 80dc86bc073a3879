using System.Text.Json.Nodes;
using Steward.Core.Governance;

namespace Steward.Core.Policy.Gatekeeper;

/// <summary>
/// Gatekeeper's <c>Config</c> (config.gatekeeper.sh/v1alpha1) as Gatekeeper applies it:
/// <c>spec.sync.syncOnly</c> lists the group/version/kind of the objects replicated into
/// <c>data.inventory</c> (with a Config, nothing else is; without one, Steward keeps every object, its
/// behaviour before Config), and <c>spec.match</c> entries exclude namespaces (globs <c>kube-*</c>,
/// <c>*-system</c>) from processes: <c>sync</c> (the inventory), <c>webhook</c> (admission),
/// <c>audit</c> (the live audit and <c>steward check</c>, which audit what runs and what is committed)
/// or <c>*</c> (all). A Namespace object is in the namespace of its own name, as Gatekeeper treats it.
/// </summary>
public sealed class GatekeeperConfig
{
    public const string Group = "config.gatekeeper.sh";
    public const string Kind = "Config";

    public const string SyncProcess = "sync";
    public const string WebhookProcess = "webhook";
    public const string AuditProcess = "audit";

    private static readonly string[] Processes = ["*", AuditProcess, WebhookProcess, SyncProcess, "mutation-webhook"];

    /// <summary>No Config: every object is synced and no namespace is excluded.</summary>
    public static GatekeeperConfig None { get; } = new(null, []);

    private readonly IReadOnlyList<(string Group, string Version, string Kind)>? _syncOnly;
    private readonly IReadOnlyList<(IReadOnlyList<string> Namespaces, IReadOnlyList<string> Processes)> _exclusions;

    private GatekeeperConfig(IReadOnlyList<(string, string, string)>? syncOnly, IReadOnlyList<(IReadOnlyList<string>, IReadOnlyList<string>)> exclusions)
    {
        _syncOnly = syncOnly;
        _exclusions = exclusions;
    }

    public static bool IsConfig(RepositoryObject obj) => obj.Group == Group && obj.Kind == Kind;

    /// <summary>The repository's Config; more than one is an input error (Gatekeeper reads a single one).</summary>
    public static GatekeeperConfig Of(GovernanceRepository repository)
    {
        var configs = repository.Manifests.Where(IsConfig).ToList();
        if (configs.Count == 0) return None;
        if (configs.Count > 1)
            throw new StewardInputException($"{configs[1].Location}: a second Gatekeeper Config (the first is {configs[0].Location}); Gatekeeper reads one");
        return Parse(configs[0]);
    }

    private static GatekeeperConfig Parse(RepositoryObject obj)
    {
        var spec = obj.Reader.Mapping("spec");
        var syncOnly = new List<(string, string, string)>();
        var sync = spec?.Mapping("sync");
        var items = sync?.Sequence("syncOnly") ?? [];
        for (var i = 0; i < items.Count; i++)
        {
            var item = sync!.Child(items[i], $"syncOnly[{i}]");
            syncOnly.Add((item.String("group") ?? "", item.String("version") ?? "", item.String("kind", required: true)!));
        }
        var exclusions = new List<(IReadOnlyList<string>, IReadOnlyList<string>)>();
        var matches = spec?.Sequence("match") ?? [];
        for (var i = 0; i < matches.Count; i++)
        {
            var match = spec!.Child(matches[i], $"match[{i}]");
            var processes = match.StringList("processes");
            for (var p = 0; p < processes.Count; p++)
            {
                if (!Processes.Contains(processes[p], StringComparer.Ordinal))
                    throw match.Error(match.Sequence("processes")[p], $"{match.FieldPath("processes")}[{p}]", $"unknown process \"{processes[p]}\" (expected one of {string.Join(", ", Processes)})");
            }
            exclusions.Add((match.StringList("excludedNamespaces"), processes));
        }
        return new GatekeeperConfig(syncOnly, exclusions);
    }

    /// <summary>Whether an object enters data.inventory: its kind is in syncOnly and its namespace not excluded from sync.</summary>
    public bool Syncs(JsonObject obj)
    {
        if (_syncOnly is null) return true;
        var apiVersion = ConstraintMatch.Str(obj["apiVersion"]);
        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        var (group, version) = slash < 0 ? ("", apiVersion) : (apiVersion[..slash], apiVersion[(slash + 1)..]);
        var kind = ConstraintMatch.Str(obj["kind"]);
        if (!_syncOnly.Any(s => s.Group == group && s.Version == version && s.Kind == kind)) return false;
        return !Excludes(NamespaceOf(group, kind, ConstraintMatch.Str(obj["metadata"]?["name"]), ConstraintMatch.Str(obj["metadata"]?["namespace"])), SyncProcess);
    }

    /// <summary>Whether a review is left alone by a process (audit or webhook) because of its namespace.</summary>
    public bool Excludes(GatekeeperReview review, string process) =>
        Excludes(NamespaceOf(review.Group, review.Kind, ConstraintMatch.Str(review.Target["metadata"]?["name"]), review.Namespace), process);

    private bool Excludes(string ns, string process) =>
        ns != "" && _exclusions.Any(e => (e.Processes.Contains("*") || e.Processes.Contains(process)) && e.Namespaces.Any(n => ConstraintMatch.Glob(n, ns)));

    private static string NamespaceOf(string group, string kind, string name, string ns) => group == "" && kind == "Namespace" ? name : ns;
}
