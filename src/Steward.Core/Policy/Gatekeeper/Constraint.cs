using System.Text.Json.Nodes;
using Steward.Core.Governance;

namespace Steward.Core.Policy.Gatekeeper;

/// <summary>
/// A constraint (constraints.gatekeeper.sh, kind declared by a ConstraintTemplate) as read from the
/// repository: its match criteria, parameters, and the action it takes at each enforcement point:
/// <c>spec.enforcementAction</c> (deny by default), or with <c>scoped</c> the actions of
/// <c>spec.scopedEnforcementActions</c> whose enforcementPoints name the point (or "*").
/// </summary>
public sealed class Constraint
{
    private readonly EnforcementAction? _action;
    private readonly IReadOnlyList<(EnforcementAction Action, IReadOnlyList<string> Points)> _scoped;

    private Constraint(RepositoryObject obj, EnforcementAction? action, IReadOnlyList<(EnforcementAction, IReadOnlyList<string>)> scoped)
    {
        Object = obj;
        _action = action;
        _scoped = scoped;
    }

    public RepositoryObject Object { get; }
    public string Kind => Object.Kind;
    public string Name => Object.Name;

    /// <summary>The finding's rule id: gatekeeper/&lt;ConstraintKind&gt;/&lt;name&gt;.</summary>
    public string RuleId => $"gatekeeper/{Kind}/{Name}";

    public JsonObject? Match => Object.Json["spec"]?["match"] as JsonObject;

    /// <summary>spec.parameters; an empty object when the constraint has none.</summary>
    public JsonNode Parameters => Object.Json["spec"]?["parameters"] ?? new JsonObject();

    public bool HasParameters => Object.Json["spec"]?["parameters"] is not null;

    /// <summary>The action at an enforcement point; null when the constraint does not act there (scoped to other points).</summary>
    public EnforcementAction? ActionAt(string point)
    {
        if (_action is { } action) return action;
        var actions = _scoped.Where(s => s.Points.Any(p => p == "*" || p == point)).Select(s => s.Action).ToList();
        // Several actions at one point: the strictest decides (a deny denies whatever else warns).
        return actions.Count == 0 ? null : actions.Max();
    }

    /// <summary>Reads a constraint; a spec.enforcementAction Gatekeeper would refuse is an error naming the field.</summary>
    /// <param name="error">Why the constraint cannot be used, with its file:line; null when it can.</param>
    public static Constraint Read(RepositoryObject obj, out string? error)
    {
        error = null;
        var spec = obj.Json["spec"] as JsonObject;
        var text = ConstraintMatch.Str(spec?["enforcementAction"]);
        if (text is "" ) return new Constraint(obj, EnforcementAction.Deny, []);
        if (text != "scoped")
        {
            if (EnforcementActions.TryParse(text, out var action)) return new Constraint(obj, action, []);
            error = $"{Where(obj, "spec", "enforcementAction")}: spec.enforcementAction: '{text}' is not one of deny, warn, dryrun, scoped";
            return new Constraint(obj, EnforcementAction.Deny, []);
        }
        var scoped = new List<(EnforcementAction, IReadOnlyList<string>)>();
        if (spec?["scopedEnforcementActions"] is not JsonArray entries || entries.Count == 0)
        {
            error = $"{Where(obj, "spec", "enforcementAction")}: spec.enforcementAction: 'scoped' needs spec.scopedEnforcementActions";
            return new Constraint(obj, EnforcementAction.Deny, []);
        }
        for (var i = 0; i < entries.Count; i++)
        {
            var name = ConstraintMatch.Str(entries[i]?["action"]);
            if (!EnforcementActions.TryParse(name, out var action))
            {
                error = $"{obj.Location}: spec.scopedEnforcementActions[{i}].action: '{name}' is not one of deny, warn, dryrun";
                return new Constraint(obj, EnforcementAction.Deny, []);
            }
            var points = (entries[i]?["enforcementPoints"] as JsonArray)?.Select(p => ConstraintMatch.Str(p?["name"])).ToList() ?? [];
            scoped.Add((action, points));
        }
        return new Constraint(obj, null, scoped);
    }

    private static SourceLocation Where(RepositoryObject obj, params string[] path) => YamlPath.Locate(obj, path);
}
