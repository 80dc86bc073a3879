using System.CommandLine;
using System.Text;
using System.Text.Json;
using Steward.Core.Application.Policies;
using Steward.Rego;
using Steward.Rego.Syntax;
using Steward.Rego.Testing;
using Steward.Rego.Values;

namespace Steward.Cli.Commands;

/// <summary>
/// <c>steward policy eval</c> and <c>steward policy test</c>: OPA's eval and test on Steward's own
/// Rego engine. Parse and compile errors exit 2 with file:line:col, the line and a caret.
/// </summary>
public static class PolicyCommand
{
    public static Command Create()
    {
        var command = new Command("policy", "Evaluate Rego policies, run their unit tests and Gatekeeper suites (like opa eval, opa test, gator verify).");
        command.Subcommands.Add(EvalCommand());
        command.Subcommands.Add(TestCommand());
        command.Subcommands.Add(VerifyCommand());
        command.Subcommands.Add(PolicyExplainCommand.Create());
        return command;
    }

    private static Option<bool> V0() => new("--v0-compatible") { Description = "Accept Rego v0 syntax (rules without if/contains), as older Gatekeeper templates use." };

    private static Command EvalCommand()
    {
        var command = new Command("eval", "Evaluate a query and print the result as JSON, as `opa eval --format json` does.");
        var dataPaths = new Option<string[]>("--data-path", "-d") { Description = "Rego files or folders of policies to load.", HelpName = "FILE|DIR" };
        var input = new Option<string?>("--input", "-i") { Description = "The input document (JSON file).", HelpName = "FILE" };
        var data = new Option<string?>("--data") { Description = "The base data document (JSON file).", HelpName = "FILE" };
        var v0 = V0();
        var repo = new Option<string?>("--repo") { Description = "A governance repository: its policies are loaded and it is data.steward (settings, models, budgets, monitors, manifests, inventory, provenance), as steward check evaluates them.", HelpName = "REPO" };
        var query = new Argument<string>("query") { Description = "The query, e.g. data.example.allow." };
        var limits = new PolicyLimitOptions();
        command.Options.Add(dataPaths);
        command.Options.Add(input);
        command.Options.Add(data);
        command.Options.Add(v0);
        command.Options.Add(repo);
        limits.AddTo(command);
        command.Arguments.Add(query);
        command.SetAction(parse =>
        {
            var request = new PolicyEvalRequest
            {
                Limits = limits.Limits(parse),
                Capabilities = limits.Capabilities(parse),
                Paths = parse.GetValue(dataPaths) ?? [],
                DataFile = parse.GetValue(data),
                InputFile = parse.GetValue(input),
                V0Compatible = parse.GetValue(v0),
                Repository = parse.GetValue(repo),
                Query = parse.GetValue(query)!,
            };
            PolicyEvalResult result;
            // The input stays alive to the end: collections meanwhile would only copy it (BatchAllocationRegion).
            using (BatchAllocationRegion.ForCommand())
            {
                result = CliApplication.Services.Policies.Eval(request);
            }
            if (result.Error is { } error)
            {
                parse.InvocationConfiguration.Error.WriteLine("steward: " + error.Describe());
                return 1;
            }
            parse.InvocationConfiguration.Output.WriteLine(FormatEval(request.Query, result.Query, result.Results));
            return 0;
        });
        return command;
    }

    private static Command TestCommand()
    {
        var command = new Command("test", "Run the test_ rules of the policies under the paths; exit 1 when a test fails.");
        var paths = new Argument<string[]>("paths") { Description = "Rego files or folders.", Arity = ArgumentArity.OneOrMore };
        var v0 = V0();
        var verbose = new Option<bool>("--verbose", "-v") { Description = "Print every test, not only failures." };
        command.Arguments.Add(paths);
        command.Options.Add(v0);
        command.Options.Add(verbose);
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            int passed = 0, failed = 0;
            // Results come one at a time: each line is printed as its test ends.
            foreach (var test in CliApplication.Services.Policies.Test(parse.GetValue(paths)!, parse.GetValue(v0)))
            {
                switch (test.Outcome)
                {
                    case RegoTestOutcome.Pass:
                        passed++;
                        if (parse.GetValue(verbose)) output.WriteLine($"PASS {test.Name} ({test.Location})");
                        break;
                    case RegoTestOutcome.Fail:
                        failed++;
                        output.WriteLine($"FAIL {test.Name} ({test.Location})");
                        break;
                    default:
                        failed++;
                        output.WriteLine($"ERROR {test.Name} ({test.Location}): {test.Error!.Describe()}");
                        break;
                }
            }
            output.WriteLine($"{passed} passed, {failed} failed");
            return failed == 0 ? 0 : 1;
        });
        return command;
    }

    private static Command VerifyCommand()
    {
        var command = new Command("verify", "Run Gatekeeper suite.yaml test suites (like gator verify); exit 1 when a case fails.");
        var path = new Argument<string>("path") { Description = "A suite.yaml, or a folder searched recursively for suite.yaml files." };
        var v0 = V0();
        command.Arguments.Add(path);
        command.Options.Add(v0);
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            // Gatekeeper reads a template's rego: with v0 syntax whatever the flag says; so does verify.
            _ = parse.GetValue(v0);
            // The files suites name stay inside the folder given (or the suite file's folder).
            var given = parse.GetValue(path)!;
            var verifier = new Steward.Core.Policy.Gatekeeper.SuiteVerifier(true, Directory.Exists(given) ? given : Path.GetDirectoryName(Path.GetFullPath(given)));
            int passed = 0, failed = 0;
            foreach (var suite in Steward.Core.Policy.Gatekeeper.SuiteVerifier.FindSuites(parse.GetValue(path)!))
            {
                foreach (var result in verifier.RunSuite(suite))
                {
                    if (result.Skipped) output.WriteLine($"SKIP {result.Name}");
                    else if (result.Passed) { passed++; output.WriteLine($"PASS {result.Name}"); }
                    else { failed++; output.WriteLine($"FAIL {result.Name}: {result.Reason}"); }
                }
            }
            output.WriteLine($"{passed} passed, {failed} failed");
            return failed == 0 ? 0 : 1;
        });
        return command;
    }

    /// <summary>OPA's eval output: one entry per solution with each expression's value, text and location.</summary>
    private static string FormatEval(string queryText, Body body, IReadOnlyList<RegoResult> results)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            if (results.Count > 0)
            {
                w.WritePropertyName("result");
                w.WriteStartArray();
                var texts = LiteralTexts(queryText, body);
                foreach (var r in results)
                {
                    w.WriteStartObject();
                    w.WritePropertyName("expressions");
                    w.WriteStartArray();
                    for (var i = 0; i < r.Expressions.Count; i++)
                    {
                        w.WriteStartObject();
                        w.WritePropertyName("value");
                        RegoJson.Write(w, r.Expressions[i]);
                        w.WriteString("text", texts[i]);
                        w.WritePropertyName("location");
                        w.WriteStartObject();
                        w.WriteNumber("row", body.Literals[i].Loc?.Line ?? 1);
                        w.WriteNumber("col", body.Literals[i].Loc?.Column ?? 1);
                        w.WriteEndObject();
                        w.WriteEndObject();
                    }
                    w.WriteEndArray();
                    if (r.Bindings.Count > 0)
                    {
                        w.WritePropertyName("bindings");
                        RegoJson.Write(w, RegoObject.FromStrings(r.Bindings));
                    }
                    w.WriteEndObject();
                }
                w.WriteEndArray();
            }
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(ms.ToArray());
    }

    private static List<string> LiteralTexts(string text, Body body)
    {
        var lines = text.Split('\n');
        int Offset(SourceLocation? loc)
        {
            if (loc is null) return 0;
            var off = 0;
            for (var i = 0; i < loc.Line - 1 && i < lines.Length; i++) off += lines[i].Length + 1;
            return Math.Min(text.Length, off + loc.Column - 1);
        }
        var result = new List<string>();
        for (var i = 0; i < body.Literals.Count; i++)
        {
            var start = Offset(body.Literals[i].Loc);
            var end = i + 1 < body.Literals.Count ? Offset(body.Literals[i + 1].Loc) : text.Length;
            result.Add(text[start..Math.Max(start, end)].Trim().TrimEnd(';').Trim());
        }
        return result;
    }
}
