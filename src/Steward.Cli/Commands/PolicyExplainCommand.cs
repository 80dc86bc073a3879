using System.CommandLine;
using Steward.Cli.Output;
using Steward.Core.Application.Policies;
using Steward.Core.Reporting;
using Steward.Core.Reporting.Policies;

namespace Steward.Cli.Commands;

/// <summary>
/// <c>steward policy explain RULE --object FILE [--repo REPO]</c>: which levels of the policy
/// hierarchy and which PolicyExceptions decided a rule's verdict on the objects of one file.
/// </summary>
public static class PolicyExplainCommand
{
    public static Command Create()
    {
        var command = new Command("explain", "Show which policy levels (organisation, team, project) and which exceptions decided a rule's verdict on an object.");
        var rule = new Argument<string>("rule") { Description = "The rule id, e.g. resources or policy/main/deny." };
        var obj = new Option<string>("--object") { Description = "The file of the object (relative to the repository, or a path inside it).", HelpName = "FILE", Required = true };
        var repo = new Option<string>("--repo") { Description = "The governance repository (a folder).", HelpName = "REPO", DefaultValueFactory = _ => "." };
        var format = CommonOptions.Format("table", "json");
        command.Arguments.Add(rule);
        command.Options.Add(obj);
        command.Options.Add(repo);
        command.Options.Add(format);
        command.SetAction(parse =>
        {
            var explanation = CliApplication.Services.PolicyExplain.Explain(parse.GetValue(repo)!, parse.GetValue(rule)!, parse.GetValue(obj)!);
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(format) == "json") output.WriteLine(PolicyExplanationJson.Write(explanation));
            else Table(explanation, TerminalText.For(output));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void Table(PolicyExplanation explanation, TerminalText terminal)
    {
        foreach (var o in explanation.Objects)
        {
            var name = o.Namespace is null ? $"{o.Kind}/{o.Name}" : $"{o.Kind}/{o.Namespace}/{o.Name}";
            var levels = new BoxTable($"{explanation.Rule} on {name} ({explanation.File}:{o.Line})", [new("Level"), new("Set"), new("Setting"), new("Where"), new("Outcome")]);
            foreach (var step in o.Levels)
                levels.Add(step.Level.ToString().ToLowerInvariant(), step.Name, Setting(step), step.Source, step.Outcome);
            levels.Write(terminal);
            if (o.Thresholds.Count > 0)
            {
                var thresholds = new BoxTable("Evaluation thresholds", [new("Metric"), new("Level"), new("Set"), new("Written"), new("Effective"), new("Where"), new("Outcome")]);
                foreach (var step in o.Thresholds)
                    thresholds.Add(step.Metric, step.Level.ToString().ToLowerInvariant(), step.Name, step.Written?.ToString() ?? "-", step.Effective?.ToString() ?? "-", step.Source, step.Outcome);
                thresholds.Write(terminal);
            }
            if (o.Exceptions.Count > 0)
            {
                var exceptions = new BoxTable("Exceptions covering it", [new("Exception"), new("File"), new("Expires"), new("State"), new("Approver"), new("Reason")]);
                foreach (var e in o.Exceptions)
                    exceptions.Add(e.Name, e.File, e.ExpiresAt, e.Active ? "active" : "expired", e.Approver, e.Reason);
                exceptions.Write(terminal);
            }
            foreach (var f in o.Findings)
                terminal.Writer.WriteLine($"finding: {Names.SeverityLabel(f)} {f.RuleId}: {Names.MessageWithSuppression(f)}");
            terminal.Writer.WriteLine($"verdict: {o.Verdict}");
        }
    }

    private static string Setting(Core.Policy.Hierarchy.HierarchyStep step) => step.Setting switch
    {
        null => "-",
        { Enabled: false } s => $"{step.Key}: disabled{(s.Overridable ? ", overridable" : "")}",
        var s => $"{step.Key}: {(s.Severity is { } severity ? Names.Of(severity) : "default severity")}{(s.Overridable ? ", overridable" : "")}",
    };
}
