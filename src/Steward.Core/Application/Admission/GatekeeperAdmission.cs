using System.Text.Json;
using System.Text.Json.Nodes;
using Steward.Core.Findings;
using Steward.Core.Governance;
using Steward.Core.Policy.Gatekeeper;
using Steward.Rego.Evaluation;

namespace Steward.Core.Application.Admission;

/// <summary>
/// The served revision's Gatekeeper constraints over one admission request, as Gatekeeper's webhook
/// reviews it: <c>input.review</c> is the request (uid, kind, name, namespace, operation, userInfo,
/// object, oldObject, dryRun), the constraints act as they do at validation.gatekeeper.sh, and
/// <c>data.inventory</c> is the revision's objects. Templates and constraints themselves are not reviewed.
/// </summary>
public static class GatekeeperAdmission
{
    /// <param name="obj">The object under review, as the findings' subject.</param>
    /// <returns>False when <paramref name="budget"/> ran out.</returns>
    public static bool Review(GatekeeperPolicies gatekeeper, AdmissionRequest request, RepositoryObject obj, Governance.Kinds.Settings settings, List<Finding> findings, CancellationToken budget)
    {
        if (GatekeeperKinds.IsGatekeeperObject(obj)) return true;
        var options = new EvalOptions { Limits = settings.PolicyLimits.ToEvalLimits(), CancellationToken = budget };
        return gatekeeper.Review(GatekeeperReview.FromRequest(Request(request)), obj, GatekeeperKinds.ValidationPoint,
            request.Audit ? GatekeeperConfig.AuditProcess : GatekeeperConfig.WebhookProcess, settings, options, findings, budget);
    }

    /// <summary>The AdmissionRequest as Gatekeeper passes it to templates.</summary>
    private static JsonObject Request(AdmissionRequest request)
    {
        var review = new JsonObject
        {
            ["uid"] = request.Uid,
            ["kind"] = new JsonObject { ["group"] = request.Group, ["version"] = request.Version, ["kind"] = request.Kind },
            ["name"] = request.Name,
            ["operation"] = request.Operation,
            ["dryRun"] = request.DryRun,
        };
        if (request.Namespace is { } ns) review["namespace"] = ns;
        if (Node(request.UserInfo) is { } user) review["userInfo"] = user;
        if (Node(request.Object) is { } o) review["object"] = o;
        if (Node(request.OldObject) is { } old) review["oldObject"] = old;
        return review;
    }

    private static JsonNode? Node(JsonElement? element) =>
        element is { ValueKind: not (JsonValueKind.Null or JsonValueKind.Undefined) } e ? JsonNode.Parse(e.GetRawText(), documentOptions: new JsonDocumentOptions { MaxDepth = 1000 }) : null;
}
