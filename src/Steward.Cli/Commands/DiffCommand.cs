using System.CommandLine;
using Spectre.Console;
using Steward.Cli.Output;
using Steward.Core;
using Steward.Core.GitOps.Diff;
using Steward.Core.GitOps.Live;
using Steward.Core.Reporting.GitOps;

namespace Steward.Cli.Commands;

/// <summary><c>steward diff [REPO] --live FILE|DIR | --cluster</c>: live state against Git, as Argo CD's diff.</summary>
public static class DiffCommand
{
    public static Command Create()
    {
        var command = new Command("diff", "Compare the live state (kubectl output or a cluster) with the repository; exit 1 unless all objects are Synced.");
        var repo = CommonOptions.Repository();
        var live = new Option<string?>("--live") { Description = "A file or folder of `kubectl get -o json|yaml` output.", HelpName = "FILE|DIR" };
        var cluster = new Option<bool>("--cluster") { Description = "Read the live state from the cluster of the kubeconfig (or in-cluster)." };
        var kubeconfig = new Option<string?>("--kubeconfig") { Description = "Kubeconfig file (default: $KUBECONFIG or ~/.kube/config).", HelpName = "FILE" };
        var context = new Option<string?>("--context") { Description = "Kubeconfig context.", HelpName = "NAME" };
        var format = CommonOptions.Format("table", "json");
        command.Arguments.Add(repo);
        command.Options.Add(live);
        command.Options.Add(cluster);
        command.Options.Add(kubeconfig);
        command.Options.Add(context);
        command.Options.Add(format);

        command.SetAction(async (parse, ct) =>
        {
            var livePath = parse.GetValue(live);
            var useCluster = parse.GetValue(cluster);
            if ((livePath is null) == !useCluster)
                throw new StewardInputException("diff: give exactly one of --live FILE|DIR and --cluster");
            var report = await CliApplication.Services.LiveDiff.DiffAsync(parse.GetValue(repo)!, () => useCluster
                ? ClusterLiveStateSource.Create(parse.GetValue(kubeconfig), parse.GetValue(context))
                : new FileLiveStateSource(livePath!), ct);
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(format) == "json") output.WriteLine(DiffReportJson.Write(report));
            else WriteTable(report, Terminal.For(output));
            return report.AllSynced ? ExitCodes.Ok : ExitCodes.Failed;
        });
        return command;
    }

    private static void WriteTable(DiffReport report, IAnsiConsole console)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("Live state against Git");
        table.AddColumn("Object");
        table.AddColumn("Status");
        table.AddColumn("Path");
        table.AddColumn("Desired");
        table.AddColumn("Live");
        foreach (var o in report.Objects)
        {
            var status = o.Status switch
            {
                SyncStatus.Synced => "[green]Synced[/]",
                SyncStatus.OutOfSync => "[yellow]OutOfSync[/]",
                SyncStatus.Missing => "[red]Missing[/]",
                _ => "[magenta]Extra[/]",
            };
            if (o.Diffs.Count == 0)
            {
                table.AddRow(Markup.Escape(o.Identity.ToString()), status, "", "", "");
                continue;
            }
            for (var i = 0; i < o.Diffs.Count; i++)
            {
                var d = o.Diffs[i];
                table.AddRow(i == 0 ? Markup.Escape(o.Identity.ToString()) : "", i == 0 ? status : "", Markup.Escape(d.Path),
                    Markup.Escape(d.Desired?.ToJsonString() ?? "(absent)"), Markup.Escape(d.Live?.ToJsonString() ?? "(absent)"));
            }
        }
        console.Write(table);
        console.MarkupLine($"{report.Count(SyncStatus.Synced)} Synced, {report.Count(SyncStatus.OutOfSync)} OutOfSync, {report.Count(SyncStatus.Missing)} Missing, {report.Count(SyncStatus.Extra)} Extra");
    }
}
