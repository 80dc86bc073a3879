using System.Text.Json.Nodes;

namespace Steward.Core.Policy.Gatekeeper;

/// <summary>
/// <c>input.review</c> as Gatekeeper builds it, with the object the constraint's match is tested on
/// and its group and kind. The review is the admission request (kind{group,version,kind}, name,
/// namespace, operation, userInfo, object, oldObject, ...); a manifest checked in CI is reviewed as
/// gator reviews a file: a CREATE of the object, without a user.
/// </summary>
public sealed record GatekeeperReview(JsonObject Review, JsonObject Target, string Group, string Kind)
{
    /// <summary>The namespace the object is reviewed in: the request's, else the object's own ("" when cluster-scoped).</summary>
    public string Namespace
    {
        get
        {
            var ns = ConstraintMatch.Str(Review["namespace"]);
            return ns != "" ? ns : ConstraintMatch.Str(Target["metadata"]?["namespace"]);
        }
    }

    /// <summary>A manifest as a CREATE request of it.</summary>
    public static GatekeeperReview Create(JsonObject obj)
    {
        var (group, version, kind) = Gvk(obj);
        var review = new JsonObject
        {
            ["kind"] = new JsonObject { ["group"] = group, ["version"] = version, ["kind"] = kind },
            ["name"] = ConstraintMatch.Str(obj["metadata"]?["name"]),
            ["operation"] = "CREATE",
            ["object"] = obj.DeepClone(),
        };
        var ns = ConstraintMatch.Str(obj["metadata"]?["namespace"]);
        if (ns != "") review["namespace"] = ns;
        return new GatekeeperReview(review, obj, group, kind);
    }

    /// <summary>
    /// An admission request (the <c>request</c> of an AdmissionReview) as the review: the object under
    /// review is its object, or its oldObject when there is none (a DELETE, which Gatekeeper reviews
    /// through oldObject, copied into object as Gatekeeper does); the group and kind are the request's.
    /// </summary>
    /// <exception cref="InvalidDataException">The request has neither object nor oldObject.</exception>
    public static GatekeeperReview FromRequest(JsonObject request)
    {
        var target = (request["object"] as JsonObject) ?? (request["oldObject"] as JsonObject)
            ?? throw new InvalidDataException("AdmissionReview: request does not contain an \"object\" or \"oldObject\" to review");
        if (ConstraintMatch.Str(request["operation"]) == "DELETE" && request["object"] is not JsonObject)
            request["object"] = target.DeepClone();
        var (g, _, k) = Gvk(target);
        if (request["kind"] is JsonObject rk) { g = ConstraintMatch.Str(rk["group"]); k = ConstraintMatch.Str(rk["kind"]); }
        // The match reads the namespace from the object; a request's object may leave it to the request.
        var ns = ConstraintMatch.Str(request["namespace"]);
        if (ns != "" && ConstraintMatch.Str(target["metadata"]?["namespace"]) == "")
        {
            target = (JsonObject)target.DeepClone();
            if (target["metadata"] is not JsonObject metadata) target["metadata"] = metadata = new JsonObject();
            metadata["namespace"] = ns;
        }
        return new GatekeeperReview(request, target, g, k);
    }

    /// <summary>A file gator reads: an AdmissionReview is reviewed as its request, any other object as a CREATE of it.</summary>
    /// <exception cref="InvalidDataException">An AdmissionReview without a request, or a request without an object.</exception>
    public static GatekeeperReview FromFile(JsonObject obj)
    {
        if (ConstraintMatch.Str(obj["kind"]) == "AdmissionReview" && ConstraintMatch.Str(obj["apiVersion"]).StartsWith("admission.k8s.io/", StringComparison.Ordinal))
        {
            var request = obj["request"]?.DeepClone() as JsonObject
                ?? throw new InvalidDataException("AdmissionReview: request did not contain an AdmissionRequest");
            return FromRequest(request);
        }
        return Create(obj);
    }

    private static (string Group, string Version, string Kind) Gvk(JsonObject obj)
    {
        var apiVersion = ConstraintMatch.Str(obj["apiVersion"]);
        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? ("", apiVersion, ConstraintMatch.Str(obj["kind"])) : (apiVersion[..slash], apiVersion[(slash + 1)..], ConstraintMatch.Str(obj["kind"]));
    }
}
