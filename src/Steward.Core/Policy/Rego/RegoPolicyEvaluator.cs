using Steward.Core.Findings;
using Steward.Core.Governance;
using Steward.Core.Kubernetes;
using Steward.Core.Policy.Checks;
using Steward.Rego;
using Steward.Rego.Evaluation;
using Steward.Rego.Syntax;
using Steward.Rego.Values;

namespace Steward.Core.Policy.Rego;

/// <summary>
/// Runs the repository's policies with conftest's conventions: in any package, rules
/// <c>deny</c> and <c>violation</c> make errors and <c>warn</c> warnings; their values are strings,
/// or objects with <c>msg</c> (other fields become evidence). Each object of the repository is
/// the input in turn; the whole repository is <c>data.steward</c>. A finding's rule id is
/// <c>policy/&lt;package path&gt;/&lt;rule&gt;</c>, its subject the object's file and line.
/// </summary>
public sealed class RegoPolicyEvaluator : IPolicyEvaluator
{
    // Evidence is a value the policy built from its input: as deep as the engine's JSON (1,000), not System.Text.Json's default 64.
    private static readonly System.Text.Json.JsonDocumentOptions EvidenceOptions = new() { MaxDepth = 1000 };

    private static readonly Dictionary<string, Severity> RuleSeverities = new(StringComparer.Ordinal)
    {
        ["deny"] = Severity.Error,
        ["violation"] = Severity.Error,
        ["warn"] = Severity.Warning,
    };

    private readonly TimeSpan _timeout;

    public RegoPolicyEvaluator(TimeSpan? timeout = null) => _timeout = timeout ?? TimeSpan.FromSeconds(5);

    public IEnumerable<RuleDescriptor> Rules(GovernanceRepository repository) =>
        Targets(Parse(repository)).Select(t => new RuleDescriptor(t.RuleId, t.Severity, Category.Policy,
            $"Policy {string.Join('.', t.Package)}.{t.Rule}", $"Rego rule {t.Rule} of package {string.Join('.', t.Package)} ({t.File})"));

    public IEnumerable<Finding> Evaluate(GovernanceRepository repository, CancellationToken cancellationToken)
    {
        var modules = Parse(repository);
        var engine = new RegoEngine(new RegoEngineOptions { V0Compatible = repository.Settings.PoliciesV0Compatible });
        foreach (var (file, source) in modules.Select(m => (m.Path, m.Source)))
            Guard(() => engine.AddModule(file, source));
        var data = new System.Text.Json.Nodes.JsonObject { ["steward"] = PolicyData.Build(repository) };
        Guard(() => engine.SetData(RegoJson.Parse(data.ToJsonString())));
        Guard(engine.Compile);

        var targets = Targets(modules).Select(t => (Target: t, Query: RegoEngine.ParseQuery(Query(t.Package, t.Rule)))).ToList();
        var findings = new List<Finding>();
        foreach (var obj in repository.AllObjects)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var input = RegoJson.Parse(obj.Json.ToJsonString());
            foreach (var (target, query) in targets)
            {
                IReadOnlyList<RegoResult> results;
                try
                {
                    results = engine.Evaluate(query, input, new EvalOptions { Timeout = _timeout, CancellationToken = cancellationToken });
                }
                catch (RegoException ex)
                {
                    throw new StewardInputException($"{ex.Describe()}\n  (evaluating {target.RuleId} with input {obj.Kind} {obj.Name} at {obj.Location})", ex);
                }
                foreach (var value in results.SelectMany(r => r.Expressions.Take(1)).SelectMany(Items))
                    findings.Add(ToFinding(target, obj, value, repository.Settings));
            }
        }
        return findings;
    }

    private sealed record ParsedPolicy(string Path, string Source, Module Module);

    private sealed record Target(IReadOnlyList<string> Package, string Rule, string RuleId, Severity Severity, string File);

    private static List<ParsedPolicy> Parse(GovernanceRepository repository)
    {
        var parsed = new List<ParsedPolicy>();
        foreach (var policy in repository.Policies.Where(p => !p.IsTest))
        {
            Module module = null!;
            Guard(() => module = RegoEngine.Parse(policy.Path, policy.Source, repository.Settings.PoliciesV0Compatible));
            parsed.Add(new ParsedPolicy(policy.Path, policy.Source, module));
        }
        return parsed;
    }

    private static IEnumerable<Target> Targets(IEnumerable<ParsedPolicy> modules) =>
        modules
            .SelectMany(m => m.Module.Rules.Select(r => (m.Module.Package, Rule: ((VarTerm)r.Head[0]).Name, m.Path)))
            .Where(r => RuleSeverities.ContainsKey(r.Rule))
            .GroupBy(r => string.Join('/', r.Package) + "/" + r.Rule, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new Target(g.First().Package, g.First().Rule, "policy/" + g.Key, RuleSeverities[g.First().Rule], g.First().Path));

    /// <summary>data["a"]["b"]["deny"]: bracket refs, so that any package name is a valid query.</summary>
    private static string Query(IReadOnlyList<string> package, string rule) =>
        "data" + string.Concat(package.Append(rule).Select(p => "[" + RegoJson.Serialize(new RegoString(p)) + "]"));

    /// <summary>The messages of a rule's value: a set or array of them, or one.</summary>
    private static IEnumerable<RegoValue> Items(RegoValue value) => value switch
    {
        RegoSet set => set.Items,
        RegoArray array => array.Items,
        RegoBool { Value: false } => [],
        _ => [value],
    };

    private static Finding ToFinding(Target target, RepositoryObject obj, RegoValue value, Governance.Kinds.Settings settings)
    {
        var evidence = new SortedDictionary<string, object?>(StringComparer.Ordinal);
        string message;
        if (value is RegoObject o)
        {
            message = o.Items.TryGetValue(new RegoString("msg"), out var msg) && msg is RegoString s ? s.Value : RegoJson.Serialize(o);
            foreach (var (k, v) in o.Items)
            {
                if (k is RegoString key && key.Value != "msg")
                    evidence[key.Value] = System.Text.Json.Nodes.JsonNode.Parse(RegoJson.Serialize(v), documentOptions: EvidenceOptions);
            }
        }
        else
        {
            message = value is RegoString s ? s.Value : RegoJson.Serialize(value);
        }
        var subject = Subjects.Of(obj);
        if (Workload.IsWorkload(obj) && Workload.From(obj) is { } workload)
            subject = subject with { Model = workload.Label(settings.ModelLabel), ModelVersion = workload.Label(settings.ModelVersionLabel) };
        evidence["policy"] = target.File;
        return new Finding
        {
            RuleId = target.RuleId,
            Severity = target.Severity,
            Category = Category.Policy,
            Subject = subject,
            Message = message,
            Evidence = evidence,
            SuggestedAction = $"See the policy in {target.File}.",
        };
    }

    /// <summary>A policy that does not parse or compile is a broken repository: exit 2 with the positioned message.</summary>
    private static void Guard(Action action)
    {
        try
        {
            action();
        }
        catch (RegoException ex)
        {
            throw new StewardInputException(ex.Describe(), ex);
        }
    }
}
