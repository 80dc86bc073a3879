using System.CommandLine;
using Spectre.Console;
using Steward.Cli.Output;
using Steward.Core;
using Steward.Core.Findings;
using Steward.Core.GitOps.Remediation;
using Steward.Core.Policy;

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

        command.SetAction(parse =>
        {
            var doApply = parse.GetValue(apply);
            if (doApply && parse.GetValue(dryRun)) throw new StewardInputException("remediate: --dry-run and --apply exclude each other");
            var remote = parse.GetValue(push);
            if (remote is not null && !doApply) throw new StewardInputException("remediate: --push needs --apply");
            var folder = parse.GetValue(repo)!;
            var console = Terminal.For(parse.InvocationConfiguration.Output);

            using var git = new GitWorkspace(folder);
            CheckRunner Checks() => new(policies: CheckCommand.PolicyEvaluatorFactory());
            // A store that --apply is about to create for the audit log holds no monitor results; any other missing store is a mistake.
            var monitored = CheckCommand.GivenStore(parse, store) is { } given && (File.Exists(given) || !doApply) ? given : null;
            var input = parse.GetValue(findings) is { } file ? FindingJson.ReadFile(file) : CheckHead(git, folder, Checks(), monitored);
            var plan = new RemediationPlanner(git, Checks).Plan(input);
            using var opened = doApply ? Core.Storage.StewardStore.Open(parse.GetValue(store)!, Core.GitOps.Audit.AuditSchema.Module) : null;
            var audit = opened is null ? null : AuditCommand.Open(opened);

            foreach (var change in plan.Changes)
            {
                console.MarkupLine($"[bold]{Markup.Escape(change.Title)}[/]");
                console.MarkupLine($"  finding: {Markup.Escape(change.Finding.RuleId)}: {Markup.Escape(change.Finding.Message)}");
                if (!doApply)
                {
                    console.MarkupLine($"  branch (with --apply): {Markup.Escape(change.Branch)}");
                    parse.InvocationConfiguration.Output.Write(git.Patch(change.NewFiles));
                    continue;
                }
                var (status, sha) = git.CommitOnBranch(change.Branch, change.NewFiles, change.CommitMessage());
                console.MarkupLine($"  branch {Markup.Escape(change.Branch)}: {(status == "created" ? "created" : "already proposed, unchanged")} at {sha[..7]}");
                if (status == "created")
                {
                    audit?.Append("remediation", new System.Text.Json.Nodes.JsonObject
                    {
                        ["branch"] = change.Branch, ["commit"] = sha, ["action"] = change.Action, ["title"] = change.Title,
                        ["finding"] = Core.GitOps.Audit.AuditRecorder.FindingJson(change.Finding),
                    });
                }
                if (remote is not null)
                {
                    var pushed = git.Push(remote, change.Branch);
                    console.MarkupLine($"  push to {Markup.Escape(remote)}: {pushed}");
                    if (pushed == "pushed")
                        audit?.Append("push", new System.Text.Json.Nodes.JsonObject { ["branch"] = change.Branch, ["commit"] = sha, ["remote"] = remote, ["status"] = pushed });
                }
            }
            foreach (var skip in plan.Skipped)
                console.MarkupLine($"[grey]not remediated: {Markup.Escape(skip.Finding.RuleId)} {Markup.Escape(skip.Finding.Subject.Kind ?? "")}/{Markup.Escape(skip.Finding.Subject.Name ?? "")}: {Markup.Escape(skip.Reason)}[/]");
            if (plan.Changes.Count == 0) console.MarkupLine("Nothing to remediate.");
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>The findings of `steward check` on HEAD, with the open monitor breaches of a given store (as `steward check --store`).</summary>
    private static IReadOnlyList<Finding> CheckHead(GitWorkspace git, string folder, CheckRunner checks, string? store)
    {
        var head = Core.Governance.RepositoryLoader.Load(new Core.Governance.Sources.InMemorySource(folder, git.Files(git.Head)));
        var result = checks.Run(head);
        return store is null ? result.Findings : CheckCommand.WithOpenMonitorBreaches(result, head, store).Findings;
    }
}
