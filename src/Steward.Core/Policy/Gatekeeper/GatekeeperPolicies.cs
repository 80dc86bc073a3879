using System.Text.Json.Nodes;
using Steward.Core.Findings;
using Steward.Core.Governance;
using Steward.Core.Policy.Checks;
using Steward.Rego;
using Steward.Rego.Evaluation;
using Steward.Rego.Json;
using Steward.Rego.Values;

namespace Steward.Core.Policy.Gatekeeper;

/// <summary>
/// The ConstraintTemplates and constraints of a repository, compiled once: each template's Rego with
/// the repository's Kubernetes objects as <c>data.inventory</c>, each usable constraint with its
/// template. What <c>steward check</c> runs over every manifest and the admission webhook keeps per
/// served revision. Constraints Gatekeeper would refuse (no template declares their kind, parameters
/// against the template's schema, an unknown enforcementAction) are error findings of their rule
/// and are not run. Immutable once built; reviews may run concurrently.
/// </summary>
public sealed class GatekeeperPolicies
{
    private static readonly RegoString ReviewKey = new("review");
    private static readonly RegoString ParametersKey = new("parameters");

    private readonly IReadOnlyList<ActiveConstraint> _active;
    private readonly GatekeeperConfig _config;

    private GatekeeperPolicies(IReadOnlyList<ActiveConstraint> active, IReadOnlyList<Finding> constraintFindings, IReadOnlyList<RuleDescriptor> rules, JsonObject inventory, GatekeeperConfig config)
    {
        _active = active;
        _config = config;
        ConstraintFindings = constraintFindings;
        Rules = rules;
        Inventory = inventory;
    }

    /// <summary>The errors of constraints that cannot be used (one per constraint and field).</summary>
    public IReadOnlyList<Finding> ConstraintFindings { get; }

    /// <summary>One rule per constraint, gatekeeper/&lt;Kind&gt;/&lt;name&gt;, at the severity of its action.</summary>
    public IReadOnlyList<RuleDescriptor> Rules { get; }

    /// <summary>data.inventory: the repository's Kubernetes objects in Gatekeeper's layout.</summary>
    public JsonObject Inventory { get; }

    private sealed record ActiveConstraint(Constraint Constraint, CompiledTemplate Template, RegoValue Parameters);

    /// <summary>The repository's templates and constraints compiled; null when it has neither.</summary>
    /// <exception cref="StewardInputException">A template that cannot be read or compiled, or a second template of one kind: file:line:column.</exception>
    public static GatekeeperPolicies? Compile(GovernanceRepository repository)
    {
        var templateObjects = repository.Manifests.Where(GatekeeperKinds.IsTemplate).ToList();
        var constraintObjects = repository.Manifests.Where(GatekeeperKinds.IsConstraint).ToList();
        if (templateObjects.Count == 0 && constraintObjects.Count == 0) return null;

        var config = GatekeeperConfig.Of(repository);
        var inventory = BuildInventory(repository, config);
        var data = RegoJsonNodes.FromNode(new JsonObject { ["inventory"] = inventory.DeepClone() });
        var capabilities = repository.Settings.PolicyCapabilities.ToCapabilities();
        var templates = new Dictionary<string, (CompiledTemplate Template, ParameterSchema? Schema)>(StringComparer.Ordinal);
        foreach (var obj in templateObjects)
        {
            var definition = TemplateDefinition.Read(obj.File, obj.Node);
            if (templates.TryGetValue(definition.Kind, out var first))
                throw new StewardInputException($"{obj.Location}: a second ConstraintTemplate declares kind {definition.Kind} (the first is {first.Template.Definition.File})");
            // Gatekeeper reads a template's rego: with v0 syntax; code with source.version v1 is v1.
            templates[definition.Kind] = (CompiledTemplate.Compile(definition, v0Compatible: true, data: data, capabilities: capabilities), ParameterSchema.Of(definition));
        }

        var findings = new List<Finding>();
        var active = new List<ActiveConstraint>();
        var rules = new List<RuleDescriptor>();
        var seen = new Dictionary<string, RepositoryObject>(StringComparer.Ordinal);
        foreach (var obj in constraintObjects)
        {
            var constraint = Constraint.Read(obj, out var error);
            var action = constraint.ActionAt(GatekeeperKinds.GatorPoint) ?? EnforcementAction.Deny;
            rules.Add(new RuleDescriptor(constraint.RuleId, EnforcementActions.SeverityOf(action), Category.Policy,
                $"Gatekeeper {constraint.Kind} {constraint.Name}", $"Gatekeeper constraint {constraint.Kind} {constraint.Name} ({obj.File})"));
            if (seen.TryGetValue(constraint.RuleId, out var earlier))
            {
                findings.Add(Invalid(constraint, obj.Location, $"constraint {constraint.Kind} {constraint.Name} is defined again (first at {earlier.Location}); this definition is not used"));
                continue;
            }
            seen[constraint.RuleId] = obj;
            if (error is not null)
            {
                findings.Add(Invalid(constraint, obj.Location, error));
                continue;
            }
            if (!templates.TryGetValue(constraint.Kind, out var template))
            {
                findings.Add(Invalid(constraint, obj.Location, $"{obj.Location}: no ConstraintTemplate in the repository declares kind {constraint.Kind} (spec.crd.spec.names.kind)"));
                continue;
            }
            var parameterErrors = template.Schema is { } schema && constraint.HasParameters ? schema.Validate(constraint.Parameters) : [];
            foreach (var (path, message) in parameterErrors)
            {
                var at = YamlPath.Locate(obj, ["spec", "parameters", .. path]);
                findings.Add(Invalid(constraint, at, $"{at}: {ParameterSchema.FieldName(path)}: {message} (schema of ConstraintTemplate {template.Template.Definition.Name}, {template.Template.Definition.File})"));
            }
            if (parameterErrors.Count == 0)
                active.Add(new ActiveConstraint(constraint, template.Template, RegoJsonNodes.FromNode(constraint.Parameters)));
        }
        return new GatekeeperPolicies(active, findings, rules, inventory, config);
    }

    /// <summary>The Kubernetes objects Gatekeeper would have synced: the manifests (not templates, constraints, Config) its Config syncs.</summary>
    private static JsonObject BuildInventory(GovernanceRepository repository, GatekeeperConfig config) =>
        GatekeeperInventory.Build(repository.Manifests.Where(o => !GatekeeperKinds.IsGatekeeperObject(o)).Select(o => o.Json).Where(config.Syncs));

    /// <summary>
    /// Reviews one object with every constraint that matches it and acts at <paramref name="point"/>,
    /// adding a finding per violation. A constraint over the policy limits adds an error finding of its
    /// rule and the others go on.
    /// </summary>
    /// <param name="subject">The object the findings are about (its file and line).</param>
    /// <param name="process">The Config process reviewing (<see cref="GatekeeperConfig.AuditProcess"/> or <see cref="GatekeeperConfig.WebhookProcess"/>): a namespace the Config excludes from it is not reviewed.</param>
    /// <returns>False when <paramref name="budget"/> ran out before every constraint was evaluated.</returns>
    /// <exception cref="StewardInputException">A template failed with an error that is not a limit.</exception>
    public bool Review(GatekeeperReview review, RepositoryObject subject, string point, string process, Governance.Kinds.Settings settings, EvalOptions options, List<Finding> findings, CancellationToken budget)
    {
        if (_active.Count == 0 || _config.Excludes(review, process)) return true;
        var nsObject = GatekeeperInventory.Namespace(Inventory, review.Namespace);
        RegoValue? reviewValue = null;
        foreach (var (constraint, template, parameters) in _active)
        {
            if (constraint.ActionAt(point) is not { } action) continue;
            if (!ConstraintMatch.Matches(constraint.Match, review.Target, review.Group, review.Kind, nsObject)) continue;
            reviewValue ??= RegoJsonNodes.FromNode(review.Review);
            IReadOnlyList<Violation> violations;
            try
            {
                violations = template.Violations(new RegoObject([new(ReviewKey, reviewValue), new(ParametersKey, parameters)]), options);
            }
            catch (RegoException ex) when (ex.Code == RegoErrorCodes.Cancel && budget.IsCancellationRequested)
            {
                return false;
            }
            catch (RegoException ex) when (ex.Code is RegoErrorCodes.Cancel or RegoErrorCodes.Limit)
            {
                findings.Add(Finding(constraint, template, subject, settings, Severity.Error,
                    $"constraint {constraint.Kind} {constraint.Name} was stopped: {ex.Code}: {ex.Message}", null, action));
                continue;
            }
            catch (RegoException ex)
            {
                throw new StewardInputException($"{ex.Describe()}\n  (evaluating {constraint.RuleId} with {review.Kind} {ConstraintMatch.Str(review.Review["name"])} at {subject.Location})", ex);
            }
            foreach (var violation in violations)
                findings.Add(Finding(constraint, template, subject, settings, EnforcementActions.SeverityOf(action), violation.Message, violation.Details, action));
        }
        return true;
    }

    private static Finding Finding(Constraint constraint, CompiledTemplate template, RepositoryObject subject, Governance.Kinds.Settings settings,
        Severity severity, string message, JsonNode? details, EnforcementAction action)
    {
        var evidence = new SortedDictionary<string, object?>(StringComparer.Ordinal)
        {
            ["constraint"] = constraint.Object.File,
            ["template"] = template.Definition.File,
            ["enforcementAction"] = EnforcementActions.Name(action),
        };
        if (details is not null) evidence["details"] = details;
        return new Finding
        {
            RuleId = constraint.RuleId,
            Severity = severity,
            Category = Category.Policy,
            Subject = Rego.CompiledPolicies.SubjectOf(subject, settings),
            Message = message,
            Evidence = evidence,
            SuggestedAction = $"See the constraint {constraint.Name} in {constraint.Object.File} and its ConstraintTemplate in {template.Definition.File}.",
        };
    }

    /// <summary>An error finding about the constraint itself, at the field concerned.</summary>
    private static Finding Invalid(Constraint constraint, Governance.SourceLocation at, string message) => new()
    {
        RuleId = constraint.RuleId,
        Severity = Severity.Error,
        Category = Category.Policy,
        Subject = Subjects.Of(constraint.Object, at),
        Message = message,
        Evidence = new SortedDictionary<string, object?>(StringComparer.Ordinal) { ["constraint"] = constraint.Object.File },
        SuggestedAction = $"Fix the constraint in {constraint.Object.File}: Gatekeeper would refuse it, and it is not evaluated.",
    };
}
