using System.CommandLine;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Steward.Cli.Output;
using Steward.Core.Application.Policies;
using Steward.Core.Reporting;

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
            if (parse.GetValue(format) == "json") output.WriteLine(Json(explanation));
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

    private static string Json(PolicyExplanation explanation)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("rule", explanation.Rule);
            w.WriteString("file", explanation.File);
            w.WriteStartArray("objects");
            foreach (var o in explanation.Objects)
            {
                w.WriteStartObject();
                w.WriteString("kind", o.Kind);
                w.WriteString("namespace", o.Namespace);
                w.WriteString("name", o.Name);
                w.WriteNumber("line", o.Line);
                w.WriteString("verdict", o.Verdict);
                w.WriteStartArray("levels");
                foreach (var step in o.Levels)
                {
                    w.WriteStartObject();
                    w.WriteString("level", step.Level.ToString().ToLowerInvariant());
                    w.WriteString("name", step.Name);
                    w.WriteString("source", step.Source);
                    w.WriteString("key", step.Key);
                    if (step.Setting is { } s)
                    {
                        w.WriteBoolean("enabled", s.Enabled);
                        w.WriteString("severity", s.Severity is { } severity ? Names.Of(severity) : null);
                        w.WriteBoolean("overridable", s.Overridable);
                    }
                    w.WriteString("outcome", step.Outcome);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteStartArray("exceptions");
                foreach (var e in o.Exceptions)
                {
                    w.WriteStartObject();
                    w.WriteString("exception", e.Name);
                    w.WriteString("file", e.File);
                    w.WriteString("expiresAt", e.ExpiresAt);
                    w.WriteBoolean("active", e.Active);
                    w.WriteString("approver", e.Approver);
                    w.WriteString("reason", e.Reason);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteStartArray("findings");
                foreach (var f in o.Findings) JsonCheckReporter.WriteFinding(w, f);
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
