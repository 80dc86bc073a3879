using System.CommandLine;
using Spectre.Console;
using Steward.Cli.Output;
using Steward.Core;
using Steward.Core.Application.Check;
using Steward.Core.Application.Remediation;

namespace Steward.Cli.Commands;

/// <summary><c>steward remediate [REPO]</c>: findings become reviewable commits on steward/ branches.</summary>
public static class RemediateCommand
{
    public static Command Create()
    {
        var command = new Command("remediate", "Turn findings into commits (model rollback, scale down) on steward/remediate-* branches; --dry-run prints the patch.");
        var repo = CommonOptions.Repository();
        var findings = new Option<string?>("--findings") { Description = "Findings to act on (JSON as `steward check --format json` writes); default: run the check.", HelpName = "FILE" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Print the patches only (the default)." };
        var apply = new Option<bool>("--apply") { Description = "Create the commits and branches (the work tree is not touched)." };
        var push = new Option<string?>("--push") { Description = "Push the branches to this remote (never forced, never the default branch).", HelpName = "REMOTE" };
        var store = CommonOptions.Store();
        store.Description = "Path of the Steward store (DuckDB file): the audit log (--apply) and, when given without --findings, the results of `steward monitor run`, whose open breaches are remediated too.";
        command.Arguments.Add(repo);
        command.Options.Add(findings);
        command.Options.Add(dryRun);
        command.Options.Add(apply);
        command.Options.Add(push);
        command.Options.Add(store);
        var artifacts = new Option<string?>("--artifacts") { Description = "Folder of downloaded model artifacts, as for `steward check --artifacts`: without --findings, the check of HEAD verifies digests and signatures, and rollback targets must match theirs.", HelpName = "DIR" };
        command.Options.Add(artifacts);

        command.SetAction(parse =>
        {
            var doApply = parse.GetValue(apply);
            if (doApply && parse.GetValue(dryRun)) throw new StewardInputException("remediate: --dry-run and --apply exclude each other");
            var remote = parse.GetValue(push);
            if (remote is not null && !doApply) throw new StewardInputException("remediate: --push needs --apply");
            var console = Terminal.For(parse.InvocationConfiguration.Output);

            using var run = CliApplication.Services.Remediation.Start(new RemediationRequest
            {
                Folder = parse.GetValue(repo)!,
                FindingsFile = parse.GetValue(findings),
                Inputs = new CheckInputs
                {
                    ArtifactsDirectory = parse.GetValue(artifacts),
                    // A store that --apply is about to create for the audit log holds no monitor results; any other missing store is a mistake.
                    MonitorStore = CheckInputs.MonitorStoreToRead(CheckCommand.GivenStore(parse, store), writtenByThisRun: doApply),
                },
                Apply = doApply,
                AuditStore = doApply ? parse.GetValue(store)! : null,
            });
            var plan = run.Plan;

            foreach (var change in plan.Changes)
            {
                console.MarkupLine($"[bold]{Markup.Escape(change.Title)}[/]");
                console.MarkupLine($"  finding: {Markup.Escape(change.Finding.RuleId)}: {Markup.Escape(change.Finding.Message)}");
                if (!doApply)
                {
                    console.MarkupLine($"  branch (with --apply): {Markup.Escape(change.Branch)}");
                    parse.InvocationConfiguration.Output.Write(run.Patch(change));
                    continue;
                }
                var committed = run.Commit(change);
                console.MarkupLine($"  branch {Markup.Escape(change.Branch)}: {(committed.Created ? "created" : "already proposed, unchanged")} at {committed.Sha[..7]}");
                if (remote is not null)
                {
                    var pushed = run.Push(committed, remote);
                    console.MarkupLine($"  push to {Markup.Escape(remote)}: {pushed}");
                }
            }
            foreach (var skip in plan.Skipped)
                console.MarkupLine($"[grey]not remediated: {Markup.Escape(skip.Finding.RuleId)} {Markup.Escape(skip.Finding.Subject.Kind ?? "")}/{Markup.Escape(skip.Finding.Subject.Name ?? "")}: {Markup.Escape(skip.Reason)}[/]");
            if (plan.Changes.Count == 0) console.MarkupLine("Nothing to remediate.");
            return ExitCodes.Ok;
        });
        return command;
    }
}
