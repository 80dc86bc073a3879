using System.Text;
using System.Text.Json.Nodes;
using Steward.Core.Application;
using Steward.Core.Governance;
using Steward.Core.Governance.Yaml;
using Steward.Core.Policy;
using Steward.Core.Policy.Gatekeeper;
using Steward.Core.Policy.Rego;
using Steward.TestSupport;
using YamlDotNet.RepresentationModel;

namespace Steward.Core.Tests.Policy.Gatekeeper;

/// <summary>
/// The whole shared Gatekeeper library (../shared/conformance/gatekeeper-library/library: 33 policies)
/// used as a governance repository would use it: for each test of each policy's suite.yaml, its
/// ConstraintTemplate, its constraint and the example objects are copied, at their library paths, into
/// a temporary repository, which <c>steward check</c> checks; the findings of rule
/// gatekeeper/&lt;Kind&gt;/&lt;name&gt; at each example's file must satisfy the suite's assertions
/// (gator's: yes/no/a count, optionally of messages matching a pattern). Cases that name inventory
/// objects get a repository of their own with them (so data.inventory holds exactly those, as gator
/// gives them; so do all cases of a template that reads data.inventory), and AdmissionReview examples (UPDATEs) are sent to the admission webhook of a
/// repository holding the template and the constraint.
/// </summary>
public sealed class GatekeeperLibraryCheckTests
{
    private static readonly string Library = RepositoryPaths.InShared("conformance", "gatekeeper-library", "library");

    private sealed record LibraryCase(string Suite, YamlMappingNode Node, string Name, string Object, IReadOnlyList<string> Inventory, bool IsAdmissionReview, bool Disallowed);

    private sealed record LibraryTest(string Suite, string Template, string Constraint, IReadOnlyList<LibraryCase> Cases);

    private sealed class Tally
    {
        public int Disallowed, DisallowedFlagged, Allowed, AllowedClean, ByCheck, ByOwnRepository, ByAdmission;
        public List<string> Failures { get; } = [];
    }

    /// <remarks>
    /// Expected counts, from the suites with Python (yaml.safe_load of every library/*/*/suite.yaml, cases
    /// not skipped; "disallowed" when an assertion expects at least one violation): 184 cases; 94
    /// disallowed (92 plain objects + 2 with inventory) and 90 allowed (66 plain, 7 with inventory,
    /// 17 AdmissionReview UPDATEs). No library policy needs external data; the two that read
    /// data.inventory (poddisruptionbudget, storageclass) get it from the repository: their 15 cases
    /// that are not AdmissionReviews (7 and 8; 9 name inventory files) are checked one repository
    /// each, the other 152 in one repository per suite test.
    /// </remarks>
    [Fact]
    public void Every_disallowed_example_of_the_library_is_flagged_by_check_and_every_allowed_one_is_not()
    {
        var tally = new Tally();
        foreach (var test in Tests())
        {
            var ruleId = RuleIdOf(test.Constraint);
            // A template that reads data.inventory sees every object of the repository: each case gets
            // a repository of its own, so that the inventory is exactly the case's, as gator gives it.
            var readsInventory = File.ReadAllText(Path.Combine(Library, test.Template)).Contains("data.inventory", StringComparison.Ordinal);
            var plain = test.Cases.Where(c => !c.IsAdmissionReview && c.Inventory.Count == 0 && !readsInventory).ToList();
            if (plain.Count > 0)
            {
                using var repo = RepositoryOf(test, plain.Select(c => c.Object));
                var result = Check(repo.Path);
                foreach (var c in plain)
                    Judge(tally, test, c, Messages(result, ruleId, c.Object), ref tally.ByCheck);
            }
            foreach (var c in test.Cases.Where(c => !c.IsAdmissionReview && (c.Inventory.Count > 0 || readsInventory)))
            {
                using var repo = RepositoryOf(test, [c.Object, .. c.Inventory]);
                Judge(tally, test, c, Messages(Check(repo.Path), ruleId, c.Object), ref tally.ByOwnRepository);
            }
            var reviews = test.Cases.Where(c => c.IsAdmissionReview).ToList();
            if (reviews.Count > 0)
            {
                using var repo = RepositoryOf(test, []);
                var application = new StewardApplication();
                var revision = application.PrepareAdmission(RepositoryLoader.LoadFolder(repo.Path));
                foreach (var c in reviews)
                {
                    var answer = application.Admit(revision, Encoding.UTF8.GetBytes(AsApiServerSendsIt(Path.Combine(Library, c.Object))), TestContext.Current.CancellationToken);
                    var messages = answer.Decision.Findings.Where(f => f.Finding.RuleId == ruleId).Select(f => f.Finding.Message).ToList();
                    Judge(tally, test, c, messages, ref tally.ByAdmission);
                }
            }
        }

        tally.Failures.Should().BeEmpty();
        (tally.Disallowed, tally.DisallowedFlagged).Should().Be((94, 94));
        (tally.Allowed, tally.AllowedClean).Should().Be((90, 90));
        (tally.ByCheck, tally.ByOwnRepository, tally.ByAdmission).Should().Be((152, 15, 17));
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"library: {tally.DisallowedFlagged}/{tally.Disallowed} disallowed flagged, {tally.AllowedClean}/{tally.Allowed} allowed clean ({tally.ByCheck} by check, {tally.ByOwnRepository} in a repository of their own, {tally.ByAdmission} at admission)");
    }

    private static void Judge(Tally tally, LibraryTest test, LibraryCase c, IReadOnlyList<string> messages, ref int route)
    {
        route++;
        var failure = SuiteVerifier.CheckAssertions(c.Suite, c.Node["assertions"] as YamlSequenceNode, messages);
        if (c.Disallowed)
        {
            tally.Disallowed++;
            if (failure is null && messages.Count > 0) tally.DisallowedFlagged++;
        }
        else
        {
            tally.Allowed++;
            if (failure is null && messages.Count == 0) tally.AllowedClean++;
        }
        if (failure is not null) tally.Failures.Add($"{test.Suite} {c.Name} ({c.Object}): {failure}");
    }

    private static CheckResult Check(string folder) =>
        new CheckRunner(policies: new RegoPolicyEvaluator()).Run(RepositoryLoader.LoadFolder(folder), cancellationToken: TestContext.Current.CancellationToken);

    private static List<string> Messages(CheckResult result, string ruleId, string objectFile) =>
        [.. result.Findings.Where(f => f.RuleId == ruleId && f.Subject.File == objectFile).Select(f => f.Message)];

    /// <summary>A repository with the test's template and constraint and the given library files, at their library paths.</summary>
    private static TempFolder RepositoryOf(LibraryTest test, IEnumerable<string> files)
    {
        var repo = new TempFolder();
        foreach (var file in new[] { test.Template, test.Constraint }.Concat(files).Distinct(StringComparer.Ordinal))
        {
            var target = repo[file];
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(Path.Combine(Library, file), target);
        }
        return repo;
    }

    private static string RuleIdOf(string constraintFile)
    {
        var constraint = (YamlMappingNode)Load(Path.Combine(Library, constraintFile));
        var name = ((YamlScalarNode)((YamlMappingNode)constraint["metadata"])["name"]).Value;
        return $"gatekeeper/{((YamlScalarNode)constraint["kind"]).Value}/{name}";
    }

    /// <summary>The library's AdmissionReview (v1beta1, only operation and object) made into the v1 review the API server sends.</summary>
    private static string AsApiServerSendsIt(string file)
    {
        var review = YamlScalars.ToJson(Load(file))!.AsObject();
        var request = review["request"]!.AsObject();
        var obj = (request["object"] ?? request["oldObject"])!.AsObject();
        var apiVersion = obj["apiVersion"]!.GetValue<string>();
        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        request["uid"] = "library-" + Path.GetFileName(Path.GetDirectoryName(file));
        request["kind"] = new JsonObject
        {
            ["group"] = slash < 0 ? "" : apiVersion[..slash],
            ["version"] = slash < 0 ? apiVersion : apiVersion[(slash + 1)..],
            ["kind"] = obj["kind"]!.GetValue<string>(),
        };
        request["name"] = obj["metadata"]!["name"]!.GetValue<string>();
        request["namespace"] ??= "default";
        review["apiVersion"] = "admission.k8s.io/v1";
        return review.ToJsonString();
    }

    /// <summary>Every test of every suite of the library, with paths relative to the library folder.</summary>
    private static IEnumerable<LibraryTest> Tests()
    {
        var suites = Directory.GetFiles(Library, "suite.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        suites.Should().HaveCount(33);
        foreach (var suiteFile in suites)
        {
            var dir = Path.GetRelativePath(Library, Path.GetDirectoryName(suiteFile)!);
            string Rel(YamlNode node) => Path.Combine(dir, ((YamlScalarNode)node).Value!).Replace('\\', '/');
            var suite = (YamlMappingNode)Load(suiteFile);
            foreach (var test in ((YamlSequenceNode)suite["tests"]).Children.OfType<YamlMappingNode>())
            {
                if (IsTrue(test, "skip")) continue;
                var cases = new List<LibraryCase>();
                foreach (var c in ((YamlSequenceNode)test["cases"]).Children.OfType<YamlMappingNode>())
                {
                    if (IsTrue(c, "skip")) continue;
                    var objectFile = Rel(c["object"]);
                    var obj = YamlScalars.ToJson(Load(Path.Combine(Library, objectFile)))!.AsObject();
                    var inventory = c.Children.TryGetValue(new YamlScalarNode("inventory"), out var inv) ? ((YamlSequenceNode)inv).Children.Select(Rel).ToList() : [];
                    var disallowed = ((YamlSequenceNode)c["assertions"]).Children.OfType<YamlMappingNode>().Any(ExpectsViolations);
                    cases.Add(new LibraryCase(suiteFile, c, ((YamlScalarNode)c["name"]).Value!, objectFile, inventory,
                        obj["kind"]?.GetValue<string>() == "AdmissionReview", disallowed));
                }
                yield return new LibraryTest(suiteFile, Rel(test["template"]), Rel(test["constraint"]), cases);
            }
        }
    }

    private static bool ExpectsViolations(YamlMappingNode assertion)
    {
        var text = assertion.Children.TryGetValue(new YamlScalarNode("violations"), out var v) ? ((YamlScalarNode)v).Value!.Trim().ToLowerInvariant() : "yes";
        return text switch { "yes" or "true" => true, "no" or "false" => false, _ => int.Parse(text, System.Globalization.CultureInfo.InvariantCulture) > 0 };
    }

    private static bool IsTrue(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var v) && v is YamlScalarNode { Value: "true" };

    private static YamlNode Load(string file) => YamlFile.Parse(file, File.ReadAllText(file)).Single();
}
