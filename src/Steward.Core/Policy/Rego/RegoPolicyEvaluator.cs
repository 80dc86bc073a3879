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

    /// <summary>The rule id of the finding that says the whole run's budget ran out.</summary>
    public const string BudgetRuleId = "policy-budget";

    private readonly TimeSpan? _timeout;

    /// <param name="timeout">Budget of one query; null takes <c>policies.limits.timeout</c> of steward.yaml.</param>
    public RegoPolicyEvaluator(TimeSpan? timeout = null) => _timeout = timeout;

    public IEnumerable<RuleDescriptor> Rules(GovernanceRepository repository) =>
        Targets(Parse(repository)).Select(t => new RuleDescriptor(t.RuleId, t.Severity, Category.Policy,
            $"Policy {string.Join('.', t.Package)}.{t.Rule}", $"Rego rule {t.Rule} of package {string.Join('.', t.Package)} ({t.File})"));

    public IEnumerable<Finding> Evaluate(GovernanceRepository repository, CancellationToken cancellationToken)
    {
        var settings = repository.Settings;
        var modules = Parse(repository);
        var engine = new RegoEngine(new RegoEngineOptions
        {
            V0Compatible = settings.PoliciesV0Compatible,
            Capabilities = settings.PolicyCapabilities.ToCapabilities(),
        });
        foreach (var (file, source) in modules.Select(m => (m.Path, m.Source)))
            Guard(() => engine.AddModule(file, source));
        InputDepth.Check(repository.AllObjects);
        var data = new System.Text.Json.Nodes.JsonObject { ["steward"] = PolicyData.Build(repository) };
        Guard(() => engine.SetData(RegoJson.Parse(data.ToJsonString())));
        Guard(engine.Compile);

        var limits = settings.PolicyLimits.ToEvalLimits();
        if (_timeout is { } timeout) limits = limits with { Timeout = timeout };
        // One budget for the whole run: a pull request's policies cannot hold the job longer than this.
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(settings.PolicyLimits.RunTimeout);
        var options = new EvalOptions { Limits = limits, CancellationToken = budget.Token };

        var targets = Targets(modules).Select(t => (Target: t, Query: RegoEngine.ParseQuery(Query(t.Package, t.Rule)))).ToList();
        var objects = repository.AllObjects.ToList();
        var findings = new List<Finding>();
        for (var i = 0; i < objects.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var obj = objects[i];
            if (budget.IsCancellationRequested)
            {
                findings.Add(BudgetExhausted(obj, objects.Count - i, objects.Count, settings.PolicyLimits.RunTimeout));
                break;
            }
            var input = global::Steward.Rego.Json.RegoJsonNodes.FromNode(obj.Json);
            foreach (var (target, query) in targets)
            {
                IReadOnlyList<RegoResult> results;
                try
                {
                    results = engine.Evaluate(query, input, options);
                }
                catch (RegoException ex) when (ex.Code == RegoErrorCodes.Cancel && budget.IsCancellationRequested)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    // The run's budget ran out during this object: it counts among those not evaluated.
                    findings.Add(BudgetExhausted(obj, objects.Count - i, objects.Count, settings.PolicyLimits.RunTimeout));
                    return findings;
                }
                catch (RegoException ex) when (ex.Code is RegoErrorCodes.Cancel or RegoErrorCodes.Limit)
                {
                    // A policy over its limits is reported, and the run goes on with the others.
                    findings.Add(LimitExceeded(target, obj, ex, settings));
                    continue;
                }
                catch (RegoException ex)
                {
                    throw new StewardInputException($"{ex.Describe()}\n  (evaluating {target.RuleId} with input {obj.Kind} {obj.Name} at {obj.Location})", ex);
                }
                foreach (var value in results.SelectMany(r => r.Expressions.Take(1)).SelectMany(Items))
                    findings.Add(ToFinding(target, obj, value, settings));
            }
        }
        return findings;
    }

    /// <summary>An error finding of the policy's rule for the object: which limit, where in the policy.</summary>
    private static Finding LimitExceeded(Target target, RepositoryObject obj, RegoException ex, Governance.Kinds.Settings settings)
    {
        var where = ex.Location is { } at ? $"{at.File}:{at.Line}:{at.Column}" : target.File;
        return new Finding
        {
            RuleId = target.RuleId,
            Severity = Severity.Error,
            Category = Category.Policy,
            Subject = SubjectOf(obj, settings),
            Message = $"policy {target.File} was stopped at {where}: {ex.Code}: {ex.Message}",
            Evidence = new SortedDictionary<string, object?>(StringComparer.Ordinal)
            {
                ["policy"] = target.File,
                ["error"] = ex.Code,
            },
            SuggestedAction = $"Fix the policy in {target.File}, or raise the limit under policies.limits in steward.yaml if the work is legitimate.",
        };
    }

    /// <summary>One finding for every object the run's budget left unevaluated.</summary>
    private static Finding BudgetExhausted(RepositoryObject first, int remaining, int total, TimeSpan runTimeout)
    {
        var seconds = runTimeout.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new Finding
        {
            RuleId = BudgetRuleId,
            Severity = Severity.Error,
            Category = Category.Policy,
            Subject = Subjects.Of(first),
            Message = $"policy budget exhausted: the policies were stopped after {seconds}s (policies.limits.runTimeout); {remaining} of {total} objects were not fully evaluated, from {first.Kind} {first.Name} on",
            Evidence = new SortedDictionary<string, object?>(StringComparer.Ordinal)
            {
                ["notEvaluated"] = remaining,
                ["objects"] = total,
                ["runTimeoutSeconds"] = runTimeout.TotalSeconds,
            },
            SuggestedAction = "Find the slow policy (steward policy eval with --timeout), or raise policies.limits.runTimeout in steward.yaml.",
        };
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
        var subject = SubjectOf(obj, settings);
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

    private static Subject SubjectOf(RepositoryObject obj, Governance.Kinds.Settings settings)
    {
        var subject = Subjects.Of(obj);
        if (Workload.IsWorkload(obj) && Workload.From(obj) is { } workload)
            subject = subject with { Model = workload.Label(settings.ModelLabel), ModelVersion = workload.Label(settings.ModelVersionLabel) };
        return subject;
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
