using System.Text.Json;

namespace Steward.Core.Application.Admission;

/// <summary>
/// The <c>request</c> of an AdmissionReview (admission.k8s.io/v1) as the API server sends it. Holds
/// the parsed document: dispose it when the review is answered.
/// </summary>
public sealed class AdmissionRequest : IDisposable
{
    private readonly JsonDocument _document;

    internal AdmissionRequest(JsonDocument document) => _document = document;

    /// <summary>Echoed in the response: the API server matches answers by it.</summary>
    public required string Uid { get; init; }

    /// <summary>CREATE, UPDATE, DELETE or CONNECT.</summary>
    public required string Operation { get; init; }

    /// <summary>The kind of the object (request.kind): group ("" for the core group), version, kind.</summary>
    public required string Group { get; init; }
    public required string Version { get; init; }
    public required string Kind { get; init; }

    /// <summary>The namespace of the request; null for a cluster-scoped object.</summary>
    public string? Namespace { get; init; }

    /// <summary>The object's name; empty on a CREATE that lets the server generate it.</summary>
    public string Name { get; init; } = "";

    /// <summary>The request will not be persisted (kubectl --dry-run=server).</summary>
    public bool DryRun { get; init; }

    /// <summary>Whether the request is the live audit's review of a running object (Gatekeeper's audit process), not the webhook's.</summary>
    public bool Audit { get; init; }

    /// <summary>The object as it would be stored (CREATE, UPDATE).</summary>
    public JsonElement? Object { get; init; }

    /// <summary>The object as it is stored (UPDATE, DELETE).</summary>
    public JsonElement? OldObject { get; init; }

    /// <summary>Who asks (username, groups, ...), as the API server gives it.</summary>
    public JsonElement? UserInfo { get; init; }

    /// <summary>The group/version/kind as written in messages and metrics, e.g. apps/v1 Deployment.</summary>
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    public void Dispose() => _document.Dispose();
}
