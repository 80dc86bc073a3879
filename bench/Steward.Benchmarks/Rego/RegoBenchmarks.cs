using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using Steward.Rego;
using Steward.Rego.Evaluation;
using Steward.Rego.Values;

namespace Steward.Benchmarks.Rego;

/// <summary>
/// The Rego engine: parse and compile every policy of the Gatekeeper library (v0 syntax, as
/// Gatekeeper reads it), and a Gatekeeper-style policy (required labels, container limits)
/// evaluated over 20,000 Kubernetes objects in sequence. Divide the second mean by 20,000 for
/// the time per object; the allocation column shows memory does not grow with the object count.
/// </summary>
[MemoryDiagnoser]
public class RegoBenchmarks
{
    private const int Objects = 20_000;

    private const string Policy = """
        package k8s.requiredlabels_and_limits

        import rego.v1

        required := {"team", "cost-center"}

        violation contains {"msg": msg} if {
            provided := {label | input.review.object.metadata.labels[label]}
            missing := required - provided
            count(missing) > 0
            msg := sprintf("you must provide labels: %v", [missing])
        }

        violation contains {"msg": msg} if {
            some container in input.review.object.spec.template.spec.containers
            not container.resources.limits.cpu
            msg := sprintf("container <%v> has no cpu limit", [container.name])
        }

        violation contains {"msg": msg} if {
            some container in input.review.object.spec.template.spec.containers
            units.parse(container.resources.limits.cpu) > input.parameters.maxCpu
            msg := sprintf("container <%v> cpu limit %v is above %v", [container.name, container.resources.limits.cpu, input.parameters.maxCpu])
        }
        """;

    private List<(string File, string Source)> _library = [];
    private RegoEngine _engine = null!;
    private Steward.Rego.Syntax.Body _query = null!;
    private RegoValue[] _inputs = [];

    [GlobalSetup]
    public void Setup()
    {
        var root = FindShared("conformance", "gatekeeper-library", "src");
        _library = Directory.EnumerateFiles(root, "*.rego", SearchOption.AllDirectories)
            .Where(f => !f.EndsWith("_test.rego", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(f => (f, File.ReadAllText(f)))
            .ToList();

        _engine = new RegoEngine();
        _engine.AddModule("policy.rego", Policy);
        _engine.Compile();
        _query = RegoEngine.ParseQuery("data.k8s.requiredlabels_and_limits.violation");
        _inputs = Enumerable.Range(0, Objects).Select(i => RegoJson.Parse(Input(i).ToJsonString())).ToArray();
    }

    private static JsonObject Input(int i)
    {
        var labels = new JsonObject { ["app"] = $"svc-{i}", ["team"] = $"team-{i % 20}" };
        if (i % 3 != 0) labels["cost-center"] = $"cc-{i % 20}";
        var limits = new JsonObject { ["memory"] = "1Gi" };
        if (i % 5 != 0) limits["cpu"] = i % 7 == 0 ? "4" : "500m";
        return new JsonObject
        {
            ["parameters"] = new JsonObject { ["maxCpu"] = 2 },
            ["review"] = new JsonObject
            {
                ["object"] = new JsonObject
                {
                    ["apiVersion"] = "apps/v1",
                    ["kind"] = "Deployment",
                    ["metadata"] = new JsonObject { ["name"] = $"svc-{i}", ["namespace"] = "default", ["labels"] = labels },
                    ["spec"] = new JsonObject { ["template"] = new JsonObject { ["spec"] = new JsonObject
                    {
                        ["containers"] = new JsonArray(new JsonObject { ["name"] = "main", ["image"] = "registry.example.com/x:1", ["resources"] = new JsonObject { ["limits"] = limits } }),
                    } } },
                },
            },
        };
    }

    [Benchmark]
    public int ParseAndCompileGatekeeperLibrary()
    {
        var rules = 0;
        foreach (var (file, source) in _library)
        {
            var engine = new RegoEngine(new RegoEngineOptions { V0Compatible = true });
            rules += engine.AddModule(file, source).Rules.Count;
            try
            {
                engine.Compile();
            }
            catch (RegoException)
            {
                // A template that needs the shared lib package alone still counts as parsed.
            }
        }
        return rules;
    }

    [Benchmark]
    public int Evaluate20000Objects()
    {
        var violations = 0;
        var options = new EvalOptions();
        foreach (var input in _inputs)
        {
            foreach (var result in _engine.Evaluate(_query, input, options))
                violations += result.Expressions[0] is RegoSet set ? set.Items.Count : 0;
        }
        return violations;
    }

    private static string FindShared(params string[] parts)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Steward.slnx"))) dir = dir.Parent;
        var root = dir?.FullName ?? Directory.GetCurrentDirectory();
        return Path.Combine([root, "..", "shared", .. parts]);
    }
}
