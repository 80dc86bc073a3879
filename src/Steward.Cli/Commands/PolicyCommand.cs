using System.CommandLine;
using System.Text;
using System.Text.Json;
using Steward.Core;
using Steward.Rego;
using Steward.Rego.Evaluation;
using Steward.Rego.Syntax;
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
        var query = new Argument<string>("query") { Description = "The query, e.g. data.example.allow." };
        var limits = new PolicyLimitOptions();
        command.Options.Add(dataPaths);
        command.Options.Add(input);
        command.Options.Add(data);
        command.Options.Add(v0);
        limits.AddTo(command);
        command.Arguments.Add(query);
        command.SetAction(parse =>
        {
            var evalLimits = limits.Limits(parse);
            var engine = Load(parse.GetValue(dataPaths) ?? [], parse.GetValue(v0), limits.Capabilities(parse));
            if (parse.GetValue(data) is { } dataFile) engine.SetData(ReadJson(dataFile));
            var inputValue = parse.GetValue(input) is { } inputFile ? ReadJson(inputFile) : null;
            var text = parse.GetValue(query)!;
            var output = parse.InvocationConfiguration.Output;
            try
            {
                var body = RegoEngine.ParseQuery(text, parse.GetValue(v0));
                var results = engine.Evaluate(body, inputValue, new EvalOptions { Limits = evalLimits });
                output.WriteLine(FormatEval(text, body, results));
            }
            catch (RegoException e) when (IsStatic(e))
            {
                throw new StewardInputException(e.Describe(), e);
            }
            catch (RegoException e)
            {
                parse.InvocationConfiguration.Error.WriteLine("steward: " + e.Describe());
                return 1;
            }
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
            var engine = Load(parse.GetValue(paths)!, parse.GetValue(v0));
            var output = parse.InvocationConfiguration.Output;
            try { engine.Compile(); }
            catch (RegoException e) { throw new StewardInputException(e.Describe(), e); }
            int passed = 0, failed = 0;
            foreach (var (module, rule) in TestRules(engine))
            {
                var name = "data." + string.Join('.', module.Package) + "." + ((VarTerm)rule.Head[0]).Name;
                var query = "data" + string.Concat(module.Package.Select(p => "[" + RegoJson.Serialize(new RegoString(p)) + "]"))
                    + "[" + RegoJson.Serialize(new RegoString(((VarTerm)rule.Head[0]).Name)) + "]";
                var where = $"{rule.Loc.File}:{rule.Loc.Line}";
                try
                {
                    var results = engine.Evaluate(query);
                    var ok = results.Count > 0 && results.All(r => r.Expressions[0] is not RegoBool { Value: false });
                    if (ok)
                    {
                        passed++;
                        if (parse.GetValue(verbose)) output.WriteLine($"PASS {name} ({where})");
                    }
                    else
                    {
                        failed++;
                        output.WriteLine($"FAIL {name} ({where})");
                    }
                }
                catch (RegoException e)
                {
                    if (IsStatic(e)) throw new StewardInputException(e.Describe(), e);
                    failed++;
                    output.WriteLine($"ERROR {name} ({where}): {e.Describe()}");
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

    /// <summary>Errors found before evaluation (syntax, compilation) are input errors: exit 2.</summary>
    private static bool IsStatic(RegoException e) => e.Code.StartsWith("rego_", StringComparison.Ordinal) && e.Code != RegoErrorCodes.Recursion;

    private static IEnumerable<(Module Module, Rule Rule)> TestRules(RegoEngine engine)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var m in engine.Modules)
        {
            foreach (var r in m.Rules)
            {
                if (r.Head.Count != 1 || r.Args is not null || r.IsDefault) continue;
                var name = ((VarTerm)r.Head[0]).Name;
                if (!name.StartsWith("test_", StringComparison.Ordinal)) continue;
                // Several definitions of one test run once, as OPA reports them.
                if (seen.Add(string.Join('.', m.Package) + "." + name)) yield return (m, r);
            }
        }
    }

    private static RegoEngine Load(IEnumerable<string> paths, bool v0, RegoCapabilities? capabilities = null)
    {
        var engine = new RegoEngine(new RegoEngineOptions { V0Compatible = v0, Capabilities = capabilities });
        var files = new List<string>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
                files.AddRange(Core.Security.FolderWalk.Files(path, path) // no link out of the folder, no loop, no FIFO
                    .Where(f => f.RelativePath.EndsWith(".rego", StringComparison.Ordinal))
                    .Select(f => Path.Combine(path, f.RelativePath)).Order(StringComparer.Ordinal));
            else if (File.Exists(path)) files.Add(path);
            else throw new StewardInputException($"{path}: no such file or folder");
        }
        foreach (var file in files)
        {
            try { engine.AddModule(file, Core.Security.SafeFile.ReadText(file, file)); }
            catch (RegoException e) { throw new StewardInputException(e.Describe(), e); }
        }
        return engine;
    }

    private static RegoValue ReadJson(string file) => Core.Policy.Rego.RegoInputReader.ReadFile(file, ParseLimits.Default);

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
