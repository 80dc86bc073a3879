using System.CommandLine;
using Steward.Cli.Output;
using Steward.Core;
using Steward.Core.Application.Check;
using Steward.Core.Governance;
using Steward.Core.Reporting;

namespace Steward.Cli.Commands;

/// <summary><c>steward check [REPO]</c>: the CI gate over a governance repository.</summary>
public static class CheckCommand
{
    public static readonly string[] Formats = ["table", "json", "sarif", "junit", "markdown", "github", "policyreport", "codeclimate"];

    /// <param name="environment">The environment variables it reads (<c>GITHUB_STEP_SUMMARY</c>) and the standard input `--manifests -` reads; the process's by default.</param>
    public static Command Create(StewardEnvironment? environment = null)
    {
        environment ??= StewardEnvironment.Process;
        var command = new Command("check", "Run the built-in checks and the repository's policies; show the cost of the desired state. Exit 1 on error findings.");
        var repo = CommonOptions.Repository(withRevision: true);
        var rev = new Option<string?>("--rev") { Description = "Check this Git revision of the repository (read from the object store, no checkout).", HelpName = "REV" };
        var baseRev = new Option<string?>("--base") { Description = "Compare the cost of the desired state with this Git revision (e.g. origin/main).", HelpName = "REV" };
        var format = CommonOptions.Format(Formats);
        var failOnWarn = new Option<bool>("--fail-on-warn") { Description = "Exit 1 on warnings too." };
        var output = new Option<string?>("--output", "-o") { Description = "Write the report to this file instead of standard output.", HelpName = "FILE" };
        var store = CommonOptions.Store();
        store.Description = "Path of the Steward store (DuckDB file): the audit log (--audit) and, when given, the results of `steward monitor run`, whose open breaches become findings, and the token costs whose cost-per-token findings are added (ModelVersions declaring costPerMillionTokensUsd).";
        var artifacts = new Option<string?>("--artifacts") { Description = "Folder of downloaded model artifacts: verify digests (artifact-digest) and signatures (artifact-signature). s3://bucket/a/b/ is looked for at DIR/a/b, then DIR/bucket/a/b.", HelpName = "DIR" };
        var audit = new Option<bool>("--audit") { Description = "Append the verdict and the findings to the audit log of the store." };
        command.Arguments.Add(repo);
        command.Options.Add(artifacts);
        command.Options.Add(audit);
        command.Options.Add(rev);
        command.Options.Add(baseRev);
        command.Options.Add(format);
        command.Options.Add(failOnWarn);
        command.Options.Add(output);
        command.Options.Add(store);
        var manifests = new Option<string[]>("--manifests")
        {
            Description = "Also check these rendered manifests: a file, or - for standard input (`helm template ... | steward check --manifests -`, `kustomize build overlays/prod | steward check --manifests -`). Repeatable.",
            HelpName = "FILE|-",
            AllowMultipleArgumentsPerToken = false,
        };
        command.Options.Add(manifests);

        command.SetAction(parse =>
        {
            // Repository, findings and report stay alive to the end: collections meanwhile would mostly
            // copy them (BatchAllocationRegion). A check of 5,000 objects then runs without any.
            using var region = BatchAllocationRegion.ForCommand();
            var rendered = ReadRendered(parse.GetValue(manifests) ?? [], environment.StandardInput);
            var doAudit = parse.GetValue(audit);
            var outcome = CliApplication.Services.Check.Check(new CheckRequest
            {
                Folder = parse.GetValue(repo)!,
                Revision = parse.GetValue(rev),
                BaseRevision = parse.GetValue(baseRev),
                Rendered = rendered,
                Inputs = new CheckInputs
                {
                    ArtifactsDirectory = parse.GetValue(artifacts),
                    // A store that --audit is about to create holds no monitor results; any other missing store is a mistake.
                    MonitorStore = CheckInputs.MonitorStoreToRead(GivenStore(parse, store), writtenByThisRun: doAudit),
                },
                AuditStore = doAudit ? parse.GetValue(store)! : null,
            });
            var result = outcome.Result;

            var file = parse.GetValue(output);
            using var fileWriter = file is null ? null : new StreamWriter(file);
            var writer = fileWriter ?? parse.InvocationConfiguration.Output;
            var chosen = parse.GetValue(format)!;
            if (chosen == "table")
                CheckTableRenderer.Render(result, TerminalText.For(writer));
            else
            {
                CheckReporters.For(chosen)!.Write(result, writer, outcome.ReportOptions);
                if (chosen == "github") GithubStepSummary.AppendIfRequested(environment, result, outcome.ReportOptions);
            }

            if (result.HasErrors || (parse.GetValue(failOnWarn) && result.HasWarnings)) return ExitCodes.Failed;
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>The --manifests inputs: each file's text under the path as given, standard input (once) as &lt;stdin&gt;.</summary>
    private static List<RenderedManifests> ReadRendered(string[] inputs, TextReader stdin)
    {
        if (inputs.Count(i => i == "-") > 1)
            throw new StewardInputException("--manifests: standard input (-) can be given once");
        return inputs
            .Select(input => input == "-"
                ? new RenderedManifests(RenderedManifests.StandardInput, stdin.ReadToEnd())
                : new RenderedManifests(input, ReadFile(input)))
            .ToList();
    }

    private static string ReadFile(string path)
    {
        if (Directory.Exists(path))
            throw new StewardInputException($"--manifests {path}: a folder; give a file of rendered manifests, or - for standard input (a folder of manifests is set with paths.manifests in steward.yaml)");
        if (!File.Exists(path))
            throw new StewardInputException($"--manifests {path}: file not found");
        return File.ReadAllText(path);
    }

    /// <summary>The --store path when it was given on the command line (not the default), else null.</summary>
    internal static string? GivenStore(ParseResult parse, Option<string> store) =>
        parse.GetResult(store) is { Implicit: false } ? parse.GetValue(store) : null;
}
