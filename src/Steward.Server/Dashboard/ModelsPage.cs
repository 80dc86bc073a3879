using System.Text;
using Microsoft.AspNetCore.Http;
using Steward.Core.Alignment.Monitoring;
using Steward.Core.Kubernetes;
using Steward.Server.Revisions;
using static Steward.Server.Dashboard.Html;

namespace Steward.Server.Dashboard;

/// <summary><c>/models</c>: every model of the revision with its versions, the versions its workloads deploy, its monitors and open breaches.</summary>
internal static class ModelsPage
{
    public static IResult Render(HttpContext http, ServedRevision revision, DashboardData data)
    {
        var repository = revision.Repository;
        var findings = data.Get(revision, "findings", () => FindingsSnapshot.Of(revision, data)).Value;
        var breaches = findings?.Rows.Where(r => r.Finding.RuleId.StartsWith(MonitorFindings.RulePrefix, StringComparison.Ordinal) && r.Model is not null)
            .GroupBy(r => r.Model!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal) ?? [];
        // The versions each model's workloads deploy, found in one pass over the manifests (as ModelWorkloads.Deploying selects them).
        var settings = repository.Settings;
        var deployments = data.Get(revision, "models:deployed", () => repository.Manifests.Select(Workload.From).OfType<Workload>()
            .Where(w => w.Label(settings.ModelLabel) is not null && w.Label(settings.ModelVersionLabel) is not null)
            .GroupBy(w => w.Label(settings.ModelLabel)!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(w => w.Label(settings.ModelVersionLabel)!).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList(), StringComparer.Ordinal))
            .Value ?? [];
        var names = repository.Models.Select(m => m.Model).Concat(repository.Monitors.Select(m => m.Model)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        var html = new StringBuilder("<h1>Models</h1>\n");
        Html.Table(html, ["model", "versions", "owner", "deployed", "monitors", "#open breaches"], names.Select(name =>
        {
            var versions = repository.Models.Where(m => m.Model == name).ToList();
            var deployed = deployments.GetValueOrDefault(name) ?? [];
            var open = breaches.GetValueOrDefault(name);
            return (IReadOnlyList<string>)
            [
                $"<a href=\"/models/{E(Segment(name))}\">{E(name)}</a>",
                E(string.Join(", ", versions.Select(v => v.Version))),
                E(string.Join(", ", versions.Select(v => v.Owner).OfType<string>().Distinct(StringComparer.Ordinal))),
                E(string.Join(", ", deployed)),
                E(string.Join(", ", repository.Monitors.Where(m => m.Model == name).Select(m => m.Name))),
                open > 0 ? $"<span class=\"bad\">{N(open)}</span>" : "0",
            ];
        }), "models");
        return Layout.Page(http, "Models", "/models", revision, html.ToString());
    }
}
