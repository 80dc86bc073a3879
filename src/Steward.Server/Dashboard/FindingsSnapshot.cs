using Steward.Core.Application.Check;
using Steward.Core.Findings;
using Steward.Core.Governance;
using Steward.Core.Governance.Kinds;
using Steward.Core.Kubernetes;
using Steward.Core.Policy;
using Steward.Core.Reporting;
using Steward.Server.Revisions;

namespace Steward.Server.Dashboard;

/// <summary>One finding as the pages list it: where it is (as the check's JSON names the file), and the team and model it belongs to.</summary>
internal sealed record FindingRow(Finding Finding, string Severity, string? File, string? Team, string? Model);

/// <summary>
/// The findings of a revision as <c>GET /api/v1/findings</c> and <c>steward check --store</c> report them
/// (the revision's check with the store's open monitor breaches and cost-per-token findings), each attributed to a team and a model
/// from the repository object it is about: the finding's model, else the object's model label, model version
/// or monitor; the object's team label (the first of steward.yaml's <c>labels.costAllocation</c>, default
/// <c>team</c>), else that of the first workload deploying its model, else the model versions' owner.
/// </summary>
internal sealed record FindingsSnapshot(CheckResult Result, IReadOnlyList<FindingRow> Rows)
{
    public static FindingsSnapshot Of(ServedRevision revision, DashboardData data)
    {
        var result = revision.Check ?? data.Application.Check.Check(revision.Repository);
        if (data.StoreExists)
            result = CheckService.WithStoreFindings(result, revision.Repository, data.Store, data.Options.Clock.GetUtcNow());
        var options = CheckService.ReportOptionsFor(revision.Repository);
        var objects = new ObjectIndex(revision.Repository);
        var rows = result.Findings.Select(f =>
        {
            var owner = objects.At(f.Subject.File, f.Subject.Line);
            return new FindingRow(f, Names.Of(f.Severity), f.Subject.File is null ? null : options.PathOf(f.Subject.File),
                owner?.Team, f.Subject.Model ?? owner?.Model);
        }).ToList();
        return new FindingsSnapshot(result, rows);
    }

    /// <summary>The repository's objects by file, to find the object a file and line belong to.</summary>
    private sealed class ObjectIndex
    {
        private readonly Dictionary<string, List<(int Line, string? Team, string? Model)>> _byFile = new(StringComparer.Ordinal);

        public ObjectIndex(GovernanceRepository repository)
        {
            var settings = repository.Settings;
            var teamLabel = settings.CostAllocationLabels.Count > 0 ? settings.CostAllocationLabels[0] : "team";
            var models = repository.Models.ToDictionary(m => m.Object, m => m);
            var monitors = repository.Monitors.ToDictionary(m => m.Object, m => m);
            // A model's team: that of the first workload deploying it (in the repository's order), else its versions' owner.
            var modelTeams = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var w in repository.Manifests.Where(Workload.IsWorkload).Select(Workload.From).OfType<Workload>())
                if (w.Label(settings.ModelLabel) is { } deployed && Label(w.Object, w, teamLabel) is { } owner)
                    modelTeams.TryAdd(deployed, owner);
            foreach (var m in repository.Models)
                if (m.Owner is { } owner)
                    modelTeams.TryAdd(m.Model, owner);
            foreach (var o in repository.AllObjects)
            {
                var workload = Workload.IsWorkload(o) ? Workload.From(o) : null;
                models.TryGetValue(o, out var model);
                monitors.TryGetValue(o, out var monitor);
                var modelName = Label(o, workload, settings.ModelLabel) ?? model?.Model ?? monitor?.Model;
                var team = Label(o, workload, teamLabel) ?? (modelName is null ? null : modelTeams.GetValueOrDefault(modelName));
                if (!_byFile.TryGetValue(o.File, out var list)) _byFile[o.File] = list = [];
                list.Add((o.Location.Line, team, modelName));
            }
            foreach (var list in _byFile.Values) list.Sort((a, b) => a.Line.CompareTo(b.Line));
        }

        private static string? Label(RepositoryObject o, Workload? workload, string key) =>
            o.Labels.TryGetValue(key, out var value) ? value : workload?.Label(key);

        /// <summary>The last object of the file that starts at or before the line (documents of a multi-document file), or its first.</summary>
        public (string? Team, string? Model)? At(string? file, int? line)
        {
            if (file is null || !_byFile.TryGetValue(file, out var list)) return null;
            var found = list[0];
            foreach (var entry in list)
            {
                if (line is { } l && entry.Line > l) break;
                found = entry;
            }
            return (found.Team, found.Model);
        }
    }
}
