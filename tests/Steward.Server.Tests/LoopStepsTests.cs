using AwesomeAssertions;
using Microsoft.Extensions.DependencyInjection;
using Steward.Core.Application;
using Steward.Core.Application.Loop;
using Steward.Server;
using Steward.Server.Loop;

namespace Steward.Server.Tests;

/// <summary>What the loop runs follows the flags: data sources only when configured, before the steps that read what they import.</summary>
public class LoopStepsTests
{
    [Fact]
    public void Without_sources_or_cluster_the_loop_checks_judges_and_remediates()
    {
        var names = Build(new ServeOptions { Repository = "." }, drop: null);

        names.Should().Equal("check", "monitors", "budgets", "cost-anomalies", "remediation");
    }

    [Fact]
    public void Prometheus_the_drop_folder_and_the_cluster_add_their_steps_in_order()
    {
        var folder = Directory.CreateTempSubdirectory("steward-drop-").FullName;
        try
        {
            var options = new ServeOptions { Repository = ".", PrometheusUrl = "http://127.0.0.1:9090", CostDrop = folder, Cluster = true };

            var names = Build(options, new CostDropFolderStep(folder));

            names.Should().Equal("check", "prometheus-usage", "cost-drop", "monitors", "budgets", "cost-anomalies", "live-diff", "remediation");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static List<string> Build(ServeOptions options, CostDropFolderStep? drop)
    {
        var services = new ServiceCollection();
        services.AddSingleton(new StewardApplication());
        services.AddSingleton<LoopMemory>();
        if (drop is not null) services.AddSingleton(drop);
        using var provider = services.BuildServiceProvider();
        return [.. LoopSteps.Build(options, provider).Select(s => s.Name)];
    }
}
