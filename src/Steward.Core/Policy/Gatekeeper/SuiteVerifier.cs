using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Steward.Core.Governance.Yaml;
using Steward.Rego;
using Steward.Rego.Evaluation;
using Steward.Rego.Values;
using YamlDotNet.RepresentationModel;

namespace Steward.Core.Policy.Gatekeeper;

/// <summary>The outcome of one suite case.</summary>
public sealed record CaseResult(string Suite, string Test, string Case, bool Passed, bool Skipped, string? Reason)
{
    public string Name => $"{Suite}/{Test}/{Case}";
}

/// <summary>
/// Runs Gatekeeper <c>suite.yaml</c> test suites as <c>gator verify</c> does: each test compiles a
/// ConstraintTemplate's Rego (target admission.k8s.gatekeeper.sh, with its libs), reads a constraint,
/// and reviews each case's object: <c>input.review</c> is the admission request (operation CREATE for a
/// plain object; the request itself for an AdmissionReview), <c>input.parameters</c> the constraint's
/// spec.parameters, <c>data.inventory</c> the case's inventory objects. The violations are the set
/// <c>violation[{"msg": ...}]</c>; objects outside the constraint's match criteria have none.
/// Unreadable files and templates that do not compile raise <see cref="StewardInputException"/>
/// with file:line:column. The files a suite names must lie inside <paramref name="sandboxRoot"/> (by default
/// the suite's folder; the CLI passes the folder it was given): a suite comes from the repository, so
/// it must not reach absolute paths, climb out with "..", or follow a link out (see RepositoryRoot).
/// </summary>
public sealed class SuiteVerifier(bool v0Compatible, string? sandboxRoot = null)
{
    private static readonly TimeSpan RegexTimeout = TimeSpan.FromSeconds(2);

    /// <summary>The suite files under <paramref name="path"/>: the file itself, or every suite.yaml below a folder.</summary>
    public static IReadOnlyList<string> FindSuites(string path)
    {
        if (File.Exists(path)) return [path];
        if (Directory.Exists(path))
            return [.. Security.FolderWalk.Files(path, path).Where(f => Path.GetFileName(f.RelativePath) == "suite.yaml")
                .Select(f => Path.Combine(path, f.RelativePath)).Order(StringComparer.Ordinal)];
        throw new StewardInputException($"{path}: no such file or folder");
    }

    /// <summary>Runs one suite file, yielding each case's result as it completes.</summary>
    public IEnumerable<CaseResult> RunSuite(string suiteFile)
    {
        var root = LoadSingle(suiteFile, out _) as YamlMappingNode
            ?? throw new StewardInputException($"{suiteFile}:1:1: a suite must be a mapping");
        var dir = Path.GetDirectoryName(Path.GetFullPath(suiteFile))!;
        var sandbox = new Security.RepositoryRoot(sandboxRoot ?? dir);
        var suiteName = Scalar(Child(Child(root, "metadata"), "name")) ?? Path.GetFileName(dir);
        if (Child(root, "tests") is not YamlSequenceNode tests) yield break;
        foreach (var testNode in tests.Children.OfType<YamlMappingNode>())
        {
            var testName = Scalar(Child(testNode, "name")) ?? "";
            var cases = (Child(testNode, "cases") as YamlSequenceNode)?.Children.OfType<YamlMappingNode>().ToList() ?? [];
            if (IsTrue(Child(testNode, "skip")))
            {
                foreach (var c in cases) yield return new CaseResult(suiteName, testName, Scalar(Child(c, "name")) ?? "", true, true, null);
                continue;
            }
            if (IsTrue(Child(testNode, "invalid")))
            {
                // gator expects the constraint to fail schema validation; Steward does not validate schemas.
                yield return new CaseResult(suiteName, testName, "(invalid constraint)", false, false,
                    "not supported: 'invalid: true' tests need constraint schema validation");
                continue;
            }
            var templateFile = RequirePath(suiteFile, testNode, "template", dir, sandbox);
            var constraintFile = RequirePath(suiteFile, testNode, "constraint", dir, sandbox);
            var template = LoadTemplate(templateFile);
            var constraint = LoadJson(constraintFile) as JsonObject
                ?? throw new StewardInputException($"{constraintFile}:1:1: a constraint must be a mapping");
            var constraintKind = ConstraintMatch.Str(constraint["kind"]);
            if (constraintKind != template.Kind)
                throw new StewardInputException($"{constraintFile}:1:1: constraint kind '{constraintKind}' does not match template kind '{template.Kind}' ({templateFile})");
            var parameters = constraint["spec"]?["parameters"]?.DeepClone() ?? new JsonObject();
            var match = constraint["spec"]?["match"] as JsonObject;

            foreach (var caseNode in cases)
            {
                var caseName = Scalar(Child(caseNode, "name")) ?? "";
                if (IsTrue(Child(caseNode, "skip")))
                {
                    yield return new CaseResult(suiteName, testName, caseName, true, true, null);
                    continue;
                }
                var objectFile = RequirePath(suiteFile, caseNode, "object", dir, sandbox);
                var inventory = new List<JsonObject>();
                if (Child(caseNode, "inventory") is YamlSequenceNode inv)
                {
                    foreach (var item in inv.Children)
                    {
                        var file = Confine(sandbox, dir, Scalar(item) ?? "", $"{suiteFile}:{item.Start.Line}:{item.Start.Column}: inventory") ?? Path.Combine(dir, Scalar(item) ?? "");
                        inventory.AddRange(LoadAll(file).OfType<JsonObject>());
                    }
                }
                var obj = LoadJson(objectFile) as JsonObject
                    ?? throw new StewardInputException($"{objectFile}:1:1: the object must be a mapping");
                var assertions = Child(caseNode, "assertions") as YamlSequenceNode;
                string? failure;
                try
                {
                    var messages = Review(template, parameters, match, obj, inventory);
                    failure = CheckAssertions(suiteFile, assertions, messages);
                }
                catch (RegoException e)
                {
                    failure = "evaluation error: " + e.Describe().ReplaceLineEndings(" ");
                }
                catch (InvalidDataException e)
                {
                    failure = $"{objectFile}: {e.Message}";
                }
                yield return new CaseResult(suiteName, testName, caseName, failure is null, false, failure);
            }
        }
    }

    /// <summary>The violation messages of <paramref name="obj"/> under the template and constraint.</summary>
    public static IReadOnlyList<string> Review(CompiledTemplate template, JsonNode parameters, JsonObject? match, JsonObject obj, IReadOnlyList<JsonObject> inventory)
    {
        var review = GatekeeperReview.FromFile(obj);
        var inventoryData = GatekeeperInventory.Build(inventory);
        var nsObject = GatekeeperInventory.Namespace(inventoryData, review.Namespace);
        if (!ConstraintMatch.Matches(match, review.Target, review.Group, review.Kind, nsObject)) return [];

        var input = new JsonObject { ["review"] = review.Review, ["parameters"] = parameters.DeepClone() };
        var data = new JsonObject { ["inventory"] = inventoryData };
        lock (template.Engine)
        {
            template.Engine.SetData(RegoValue.FromJson(data.ToJsonString()));
            return [.. template.Violations(RegoValue.FromJson(input.ToJsonString()), new EvalOptions { Timeout = TimeSpan.FromSeconds(10) }).Select(v => v.Message)];
        }
    }

    /// <summary>Checks every assertion; null when all hold, else why the first one failed.</summary>
    public static string? CheckAssertions(string suiteFile, YamlSequenceNode? assertions, IReadOnlyList<string> messages)
    {
        // gator: "assertions must be non-empty".
        if (assertions is null || assertions.Children.Count == 0) return "invalid case: assertions must be non-empty";
        foreach (var a in assertions.Children.OfType<YamlMappingNode>())
        {
            var where = $"{suiteFile}:{a.Start.Line}:{a.Start.Column}";
            var violations = Scalar(Child(a, "violations"));
            var message = Scalar(Child(a, "message"));
            var failure = CheckAssertion(where, violations, message, messages);
            if (failure is not null) return failure;
        }
        return null;
    }

    /// <summary>
    /// One assertion: <paramref name="violations"/> is "yes" (at least one, the default), "no" (none)
    /// or a count; only messages matching the regular expression <paramref name="message"/> count.
    /// </summary>
    public static string? CheckAssertion(string where, string? violations, string? message, IReadOnlyList<string> messages)
    {
        Regex? regex = null;
        if (message is not null)
        {
            try { regex = new Regex(message, RegexOptions.CultureInvariant, RegexTimeout); }
            catch (ArgumentException e) { throw new StewardInputException($"{where}: invalid message regular expression: {e.Message}", e); }
        }
        int matching;
        try { matching = messages.Count(m => regex is null || regex.IsMatch(m)); }
        catch (RegexMatchTimeoutException e)
        {
            // A backtracking pattern in the suite is the suite's fault: an input error, not a crash.
            throw new StewardInputException($"{where}: message regular expression /{message}/ took longer than {RegexTimeout.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)}s to match", e);
        }
        var filter = message is null ? "" : $" matching /{message}/";
        var got = $"got {matching}{filter}" + (messages.Count > 0 ? " [" + string.Join("; ", messages) + "]" : "");
        switch (violations?.Trim().ToLowerInvariant())
        {
            case null or "" or "yes" or "true":
                return matching > 0 ? null : $"expected at least one violation{filter}, {got}";
            case "no" or "false":
                return matching == 0 ? null : $"expected no violations{filter}, {got}";
            default:
                if (!int.TryParse(violations, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n))
                    throw new StewardInputException($"{where}: violations must be yes, no or a non-negative count, not '{violations}'");
                return matching == n ? null : $"expected {n} violation(s){filter}, {got}";
        }
    }

    private readonly Dictionary<string, CompiledTemplate> _templates = new(StringComparer.Ordinal);

    /// <summary>Reads and compiles a ConstraintTemplate (cached per file).</summary>
    public CompiledTemplate LoadTemplate(string file)
    {
        var full = Path.GetFullPath(file);
        if (_templates.TryGetValue(full, out var cached)) return cached;
        var root = LoadSingle(file, out var text) as YamlMappingNode
            ?? throw new StewardInputException($"{file}:1:1: a ConstraintTemplate must be a mapping");
        var template = CompiledTemplate.Compile(TemplateDefinition.Read(file, root), v0Compatible, text.Split('\n'));
        _templates[full] = template;
        return template;
    }

    private static string RequirePath(string suiteFile, YamlMappingNode node, string key, string dir, Security.RepositoryRoot sandbox)
    {
        var value = Scalar(Child(node, key));
        if (string.IsNullOrEmpty(value))
            throw new StewardInputException($"{suiteFile}:{node.Start.Line}:{node.Start.Column}: '{key}' is missing");
        var at = Child(node, key)!.Start;
        var path = Confine(sandbox, dir, value, $"{suiteFile}:{at.Line}:{at.Column}: {key}");
        if (path is null || !File.Exists(path))
            throw new StewardInputException($"{suiteFile}:{at.Line}:{at.Column}: {key} file '{value}' not found");
        return path;
    }

    /// <summary>A path the suite writes (relative to its folder), checked to stay inside the sandbox; null when missing.</summary>
    private static string? Confine(Security.RepositoryRoot sandbox, string dir, string value, string where)
    {
        if (Path.IsPathRooted(value) || value.StartsWith('~'))
            throw new StewardInputException($"{where}: {value}: an absolute path; paths are relative to the suite and stay inside {sandbox.FullPath}");
        var relative = Path.GetRelativePath(sandbox.FullPath, Path.GetFullPath(Path.Combine(dir, value)));
        return sandbox.Resolve(relative, where, mustExist: false);
    }

    private static YamlNode? LoadSingle(string file, out string text)
    {
        text = Read(file);
        var docs = YamlFile.Parse(file, text);
        if (docs.Count != 1) throw new StewardInputException($"{file}:1:1: expected exactly one YAML document, found {docs.Count}");
        return docs[0];
    }

    private static JsonNode? LoadJson(string file) => YamlScalars.ToJson(LoadSingle(file, out _)!);

    private static IEnumerable<JsonNode?> LoadAll(string file) => LoadAllNodes(file).Select(YamlScalars.ToJson);

    private static IReadOnlyList<YamlNode> LoadAllNodes(string file)
    {
        var text = Read(file);
        return YamlFile.Parse(file, text);
    }

    /// <summary>Parses YAML as Kubernetes tools (go-yaml) do (see <see cref="YamlFile.Load(string, string, ParseLimits)"/>).</summary>

    private static string Read(string file)
    {
        try { return Security.SafeFile.ReadText(file, file); } // bounded; never a FIFO or device; strict UTF-8
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StewardInputException($"{file}: cannot read: {e.Message}", e);
        }
    }

    private static YamlNode? Child(YamlNode? node, string key) => TemplateDefinition.Child(node, key);

    private static string? Scalar(YamlNode? node) => TemplateDefinition.Scalar(node);

    private static bool IsTrue(YamlNode? node) => node is YamlScalarNode s && YamlScalars.TryBoolean(s, out var b) && b;
}
