using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Steward.Server.Tests.Support;
using Steward.TestSupport;

namespace Steward.Server.Tests.Deploy;

/// <summary>deploy/grafana/steward.json parses, and every metric it queries is one a running server exports.</summary>
public sealed partial class GrafanaDashboardTests
{
    private static readonly string Dashboard = RepositoryPaths.InRepository("deploy", "grafana", "steward.json");

    private static JsonObject Load() => (JsonNode.Parse(File.ReadAllText(Dashboard)) as JsonObject)!;

    /// <summary>Every panel, rows' nested panels included.</summary>
    private static IEnumerable<JsonObject> Panels(JsonObject dashboard)
    {
        foreach (var panel in dashboard["panels"]!.AsArray().OfType<JsonObject>())
        {
            yield return panel;
            foreach (var nested in (panel["panels"] as JsonArray ?? []).OfType<JsonObject>()) yield return nested;
        }
    }

    /// <summary>The metric names of a PromQL expression: identifiers outside label matchers and strings that name Steward's, prometheus-net's or the process's series.</summary>
    internal static IEnumerable<string> MetricNames(string expr)
    {
        var bare = Matchers().Replace(Strings().Replace(expr, "\"\""), "{}");
        return Identifier().Matches(bare).Select(m => m.Value).Where(n => n.StartsWith("steward_", StringComparison.Ordinal)
            || n.StartsWith("http_", StringComparison.Ordinal) || n.StartsWith("process_", StringComparison.Ordinal) || n.StartsWith("dotnet_", StringComparison.Ordinal));
    }

    [Fact]
    public void The_dashboard_parses_and_every_panel_queries_a_metric()
    {
        var dashboard = Load();
        dashboard["uid"]!.GetValue<string>().Should().Be("steward");
        var panels = Panels(dashboard).Where(p => p["type"]!.GetValue<string>() != "row").ToList();
        panels.Should().NotBeEmpty();
        panels.Select(p => p["id"]!.GetValue<int>()).Should().OnlyHaveUniqueItems();
        foreach (var panel in panels)
        {
            var targets = panel["targets"]!.AsArray();
            targets.Should().NotBeEmpty(panel["title"]!.GetValue<string>());
            foreach (var target in targets)
                MetricNames(target!["expr"]!.GetValue<string>()).Should().NotBeEmpty($"{panel["title"]}: {target["expr"]}");
        }
        // The panels the deployment needs: admission, sync and findings, ingestion, store, leadership.
        var queried = panels.SelectMany(p => p["targets"]!.AsArray()).SelectMany(t => MetricNames(t!["expr"]!.GetValue<string>())).ToHashSet(StringComparer.Ordinal);
        queried.Should().Contain([
            "steward_admission_requests_total", "steward_admission_duration_seconds_bucket", "steward_admission_findings_total",
            "steward_sync_failing", "steward_findings", "steward_ingested_rows_total", "steward_ingest_batches_total",
            "steward_budget_utilization_ratio", "steward_monitor_metric", "steward_leader", "steward_leader_transitions_total"]);
    }

    [Fact]
    public async Task Every_metric_the_dashboard_queries_is_exported_by_the_server()
    {
        using var temp = new TempFolder();
        var certificate = TestCertificate.Create("steward-grafana");
        File.WriteAllText(temp["tls.crt"], certificate.CertificatePem);
        File.WriteAllText(temp["tls.key"], certificate.KeyPem);
        await using var server = await RunningServer.StartAsync(new ServeOptions
        {
            Repository = RepositoryPaths.InRepository("examples", "governance"),
            Store = temp["store/steward.duckdb"],
            TlsCertificate = temp["tls.crt"],
            TlsKey = temp["tls.key"],
        });
        using var client = server.Client(trusted: t => t == certificate.Thumbprint);
        // One request of each kind the dashboard follows, so that request and admission series exist.
        using (var review = await client.PostAsync("/admission/validate", new StringContent("{}", Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken))
            ((int)review.StatusCode).Should().Be(400);
        var text = await Eventually.Until(async () => await client.GetStringAsync("/metrics", TestContext.Current.CancellationToken),
            t => t.Contains("endpoint=\"/admission/validate\"", StringComparison.Ordinal), "the admission request in /metrics");

        // The exported names: each family's TYPE line, and a histogram's _bucket, _sum and _count series.
        var exported = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match m in TypeLine().Matches(text))
        {
            var name = m.Groups["name"].Value;
            exported.Add(name);
            if (m.Groups["type"].Value is "histogram" or "summary")
                exported.UnionWith([name + "_bucket", name + "_sum", name + "_count"]);
        }
        var queried = Panels(Load()).SelectMany(p => p["targets"] as JsonArray ?? [])
            .SelectMany(t => MetricNames(t!["expr"]!.GetValue<string>())).Distinct().Order(StringComparer.Ordinal).ToList();
        queried.Except(exported).Should().BeEmpty("every metric the dashboard queries is exported (docs/metrics.md)");
    }

    [Fact]
    public void Metric_names_are_read_from_expressions_without_functions_labels_or_strings()
    {
        MetricNames("histogram_quantile(0.99, sum by (le) (rate(steward_admission_duration_seconds_bucket{decision=\"steward_x\"}[$__rate_interval])))")
            .Should().Equal("steward_admission_duration_seconds_bucket");
        MetricNames("time() - min(steward_sync_last_success_timestamp_seconds)").Should().Equal("steward_sync_last_success_timestamp_seconds");
    }

    [GeneratedRegex("\"(?:[^\"\\\\]|\\\\.)*\"")]
    private static partial Regex Strings();

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex Matchers();

    [GeneratedRegex(@"[a-zA-Z_:][a-zA-Z0-9_:]*")]
    private static partial Regex Identifier();

    [GeneratedRegex(@"^# TYPE (?<name>[a-zA-Z_:][a-zA-Z0-9_:]*) (?<type>\w+)$", RegexOptions.Multiline)]
    private static partial Regex TypeLine();
}
