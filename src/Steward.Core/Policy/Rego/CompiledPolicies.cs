using Steward.Core.Collections;
using Steward.Core.Findings;
using Steward.Core.Governance;
using Steward.Core.Kubernetes;
using Steward.Core.Policy.Checks;
using Steward.Core.Policy.Exceptions;
using Steward.Core.Policy.Hierarchy;
using Steward.Rego;
using Steward.Rego.Evaluation;
using Steward.Rego.Syntax;
using Steward.Rego.Values;

namespace Steward.Core.Policy.Rego;

/// <summary>
/// A repository's policies parsed and compiled once, with the repository as <c>data.steward</c>:
/// what <c>steward check</c> evaluates over every object, and what the admission webhook keeps per
/// served revision to evaluate one object per request. Immutable once built; evaluations may run
/// concurrently (the engine allows it after compilation).
/// </summary>
/// <remarks>
/// Conventions are conftest's: in any package, rules <c>deny</c> and <c>violation</c> make errors and
/// <c>warn</c> warnings; their values are strings, or objects with <c>msg</c> (other fields become
/// evidence). A finding's rule id is <c>policy/&lt;package path&gt;/&lt;rule&gt;</c>.
/// At admission, <c>input</c> is still the object (the same policies run in CI and in the cluster),
/// and the review itself is <c>data.steward.admission</c> (operation, oldObject, userInfo, ...).
/// </remarks>
public sealed class CompiledPolicies
{
    // Evidence is a value the policy built from its input: as deep as the engine's JSON (1,000), not System.Text.Json's default 64.
    private static readonly System.Text.Json.JsonDocumentOptions EvidenceOptions = new() { MaxDepth = 1000 };

    private static readonly Dictionary<string, Severity> RuleSeverities = new(StringComparer.Ordinal)
    {
        ["deny"] = Severity.Error,
        ["violation"] = Severity.Error,
        ["warn"] = Severity.Warning,
    };

    private static readonly RegoString ObjectKey = new("object");
    private static readonly RegoString AdmissionKey = new("admission");
    private static readonly RegoString StewardKey = new("steward");

    private readonly RegoEngine _engine;
    private readonly IReadOnlyList<PolicyTarget> _targets;
    private readonly PolicyHierarchy _hierarchy;

    private CompiledPolicies(RegoEngine engine, IReadOnlyList<PolicyTarget> targets, Governance.Kinds.Settings settings, PolicyHierarchy hierarchy)
    {
        _engine = engine;
        _targets = targets;
        Settings = settings;
        _hierarchy = hierarchy;
    }

    public Governance.Kinds.Settings Settings { get; }

    /// <summary>Whether the repository has any policy rule that makes findings.</summary>
    public bool IsEmpty => _targets.Count == 0;

    /// <summary>The rules the policies define (for SARIF and JUnit).</summary>
    public IEnumerable<RuleDescriptor> Rules => _targets.Select(t => t.Descriptor);

    /// <summary>
    /// Parses and compiles the repository's policies (not the <c>*_test.rego</c> files) with the
    /// repository as <c>data.steward</c>. A policy that does not parse or compile, or an object too
    /// deep for policy input, is a broken repository: <see cref="StewardInputException"/> with the
    /// positioned message.
    /// </summary>
    public static CompiledPolicies Compile(GovernanceRepository repository)
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
        var data = new RegoObject([new(StewardKey, StewardData(repository))]);
        Guard(() => engine.SetData(data));
        Guard(engine.Compile);
        var targets = Targets(modules).Select(t => t with
        {
            Query = RegoEngine.ParseQuery(ValueQuery(t.Package, t.Rule)),
            AdmissionQuery = RegoEngine.ParseQuery(AdmissionValueQuery(t.Package, t.Rule)),
            Owner = PolicyOwnership.OwnerOf(t.RuleId, t.Files, repository.PolicySets),
        }).ToList();
        return new CompiledPolicies(engine, targets, settings, PolicyHierarchy.For(repository));
    }

    /// <summary>
    /// data.steward: the repository as policies see it (<see cref="PolicyData"/>), after checking that
    /// no object is too deep for policy input (exit 2 with its file and line).
    /// </summary>
    public static RegoValue StewardData(GovernanceRepository repository)
    {
        // The manifests (nearly all objects) are measured while they are converted, in one walk; the
        // other objects then, after them as in AllObjects: the first object too deep is the one named.
        var manifests = PolicyInputs.Of(repository.Manifests, out var firstTooDeep);
        if (firstTooDeep >= 0) throw InputDepth.TooDeep(repository.Manifests[firstTooDeep]);
        InputDepth.Check(repository.AllObjects.Skip(repository.Manifests.Count));
        return PolicyData.Build(repository, manifests);
    }

    /// <summary>The rules the policies define, from parsing alone (no compilation, no data).</summary>
    public static IEnumerable<RuleDescriptor> RulesOf(GovernanceRepository repository) =>
        Targets(Parse(repository)).Select(t => t.Descriptor);

    /// <summary>
    /// Evaluates every policy rule with one object as input and adds its findings. A rule over its
    /// limits adds an error finding of that rule and the others go on.
    /// </summary>
    /// <param name="input">The object as policy input (converted by the caller, who knows its source).</param>
    /// <param name="admission">The review, as <c>data.steward.admission</c>; null in CI, where it is undefined.</param>
    /// <param name="budget">The run's budget: when it is cancelled during a rule, evaluation stops.</param>
    /// <returns>False when <paramref name="budget"/> ran out before every rule was evaluated.</returns>
    /// <exception cref="StewardInputException">A policy failed with an error that is not a limit (a type error, a builtin error in strict mode).</exception>
    public bool Evaluate(RepositoryObject obj, RegoValue input, RegoValue? admission, EvalOptions options, List<Finding> findings, CancellationToken budget)
    {
        // With a review, input is {object, admission} and the query moves them where policies expect them.
        var actualInput = admission is null ? input : new RegoObject([new(ObjectKey, input), new(AdmissionKey, admission)]);
        HashSet<string>? governing = null;
        foreach (var target in _targets)
        {
            // A team's or project's own modules judge only the objects its PolicySet governs.
            if (target.Owner is { } owner && !(governing ??= GoverningSets(obj)).Contains(owner))
                continue;
            IReadOnlyList<RegoResult> results;
            try
            {
                results = _engine.Evaluate(admission is null ? target.Query! : target.AdmissionQuery!, actualInput, options);
            }
            catch (RegoException ex) when (ex.Code == RegoErrorCodes.Cancel && budget.IsCancellationRequested)
            {
                return false;
            }
            catch (RegoException ex) when (ex.Code is RegoErrorCodes.Cancel or RegoErrorCodes.Limit)
            {
                // A policy over its limits is reported, and the run goes on with the others.
                findings.Add(LimitExceeded(target, obj, ex, Settings));
                continue;
            }
            catch (RegoException ex)
            {
                throw new StewardInputException($"{ex.Describe()}\n  (evaluating {target.RuleId} with input {obj.Kind} {obj.Name} at {obj.Location})", ex);
            }
            foreach (var result in results)
            {
                if (result.Bindings.TryGetValue(ResultVar, out var value))
                {
                    foreach (var item in Items(value))
                        findings.Add(ToFinding(target, obj, item, Settings));
                }
            }
        }
        return true;
    }

    /// <summary>The names of the PolicySets that govern an object (its chain in the hierarchy).</summary>
    private HashSet<string> GoverningSets(RepositoryObject obj) =>
        _hierarchy.IsEmpty ? [] : [.. _hierarchy.Chain(SubjectOf(obj, Settings), SubjectObjects.FactsOf(obj, Settings)).Select(s => s.Name)];

    /// <summary>An error finding of the policy's rule for the object: which limit, where in the policy.</summary>
    private static Finding LimitExceeded(PolicyTarget target, RepositoryObject obj, RegoException ex, Governance.Kinds.Settings settings)
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

    private sealed record ParsedPolicy(string Path, string Source, Module Module);

    /// <summary>One rule that makes findings, with its queries parsed once.</summary>
    /// <param name="Files">Every module that defines the rule (a package may span files); <paramref name="File"/> is the first.</param>
    private sealed record PolicyTarget(IReadOnlyList<string> Package, string Rule, string RuleId, Severity Severity, string File, IReadOnlyList<string> Files)
    {
        public Body? Query { get; init; }
        public Body? AdmissionQuery { get; init; }

        /// <summary>The PolicySet whose spec.policies hold the rule's modules; null for the organisation's policies.</summary>
        public string? Owner { get; init; }

        public RuleDescriptor Descriptor => new(RuleId, Severity, Category.Policy,
            $"Policy {string.Join('.', Package)}.{Rule}", $"Rego rule {Rule} of package {string.Join('.', Package)} ({File})");
    }

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

    private static IEnumerable<PolicyTarget> Targets(IEnumerable<ParsedPolicy> modules) =>
        modules
            .SelectMany(m => m.Module.Rules.Select(r => (m.Module.Package, Rule: ((VarTerm)r.Head[0]).Name, m.Path)))
            .Where(r => RuleSeverities.ContainsKey(r.Rule))
            .GroupBy(r => string.Join('/', r.Package) + "/" + r.Rule, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new PolicyTarget(g.First().Package, g.First().Rule, "policy/" + g.Key, RuleSeverities[g.First().Rule], g.First().Path, [.. g.Select(r => r.Path).Distinct(StringComparer.Ordinal)]));

    private const string ResultVar = "steward_result";

    /// <summary>data["a"]["b"]["deny"]: bracket refs, so that any package name is a valid query.</summary>
    private static string RuleRef(IReadOnlyList<string> package, string rule) =>
        "data" + string.Concat(package.Append(rule).Select(p => "[" + RegoJson.Serialize(new RegoString(p)) + "]"));

    private static string ValueQuery(IReadOnlyList<string> package, string rule) => $"{ResultVar} = {RuleRef(package, rule)}";

    /// <summary>
    /// The same rule with the object back as input and the review as data.steward.admission: both
    /// are taken from the outer input before either replacement applies.
    /// </summary>
    private static string AdmissionValueQuery(IReadOnlyList<string> package, string rule) =>
        $"{ResultVar} = {RuleRef(package, rule)} with input as input.object with data.steward.admission as input.admission";

    /// <summary>The messages of a rule's value: a set or array of them, or one.</summary>
    private static IEnumerable<RegoValue> Items(RegoValue value) => value switch
    {
        RegoSet set => set.Items,
        RegoArray array => array.Items,
        RegoBool { Value: false } => [],
        _ => [value],
    };

    private static Finding ToFinding(PolicyTarget target, RepositoryObject obj, RegoValue value, Governance.Kinds.Settings settings)
    {
        var evidence = new OrdinalDictionary<object?>.Builder();
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
            Evidence = evidence.ToDictionary(),
            SuggestedAction = $"See the policy in {target.File}.",
        };
    }

    internal static Subject SubjectOf(RepositoryObject obj, Governance.Kinds.Settings settings)
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
