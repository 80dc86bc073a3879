using System.Text.Json;

namespace Steward.Core.Application.Admission;

/// <summary>
/// Reads an AdmissionReview (admission.k8s.io/v1) from the bytes of a request body. The body is
/// untrusted: its size and nesting are bounded, and anything that is not a review is refused with
/// one line saying what is wrong (HTTP 400), never a stack trace.
/// </summary>
public static class AdmissionReviewReader
{
    public const string ApiVersion = "admission.k8s.io/v1";
    public const string ReviewKind = "AdmissionReview";

    /// <summary>
    /// The API server sends at most an object and its old version, each under etcd's 1.5 MiB request
    /// limit, plus the review's own fields; 8 MiB leaves room for all of it and no more.
    /// </summary>
    public const int MaxBytes = 8 * 1024 * 1024;

    /// <summary>Policy input allows 512 levels (InputDepth); the review adds its own two above the object.</summary>
    public const int MaxDepth = 520;

    private static readonly JsonDocumentOptions Options = new() { MaxDepth = MaxDepth };

    /// <exception cref="StewardInputException">The body is not an admission.k8s.io/v1 AdmissionReview with a request.</exception>
    public static AdmissionRequest Read(ReadOnlyMemory<byte> body)
    {
        if (body.Length > MaxBytes)
            throw Invalid($"the body has {body.Length} bytes, more than the {MaxBytes} an AdmissionReview may have");
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, Options);
        }
        catch (JsonException ex)
        {
            throw Invalid($"the body is not JSON: {ex.Message}");
        }
        try
        {
            return FromDocument(document);
        }
        catch
        {
            document.Dispose();
            throw;
        }
    }

    private static AdmissionRequest FromDocument(JsonDocument document)
    {
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
            throw Invalid($"expected a JSON object, got {Describe(root)}");
        var apiVersion = OptionalString(root, "apiVersion", "apiVersion");
        var kind = OptionalString(root, "kind", "kind");
        if (kind != ReviewKind || apiVersion != ApiVersion)
            throw Invalid($"expected apiVersion {ApiVersion} and kind {ReviewKind}, got {apiVersion ?? "no apiVersion"} {kind ?? "and no kind"}");
        if (!root.TryGetProperty("request", out var request) || request.ValueKind != JsonValueKind.Object)
            throw Invalid("request: required: the review has no request object");
        var uid = OptionalString(request, "uid", "request.uid");
        if (string.IsNullOrEmpty(uid))
            throw Invalid("request.uid: required: the API server matches the answer by it");
        var operation = OptionalString(request, "operation", "request.operation");
        if (operation is not ("CREATE" or "UPDATE" or "DELETE" or "CONNECT"))
            throw Invalid($"request.operation: expected CREATE, UPDATE, DELETE or CONNECT, got {(operation is null ? "nothing" : $"\"{operation}\"")}");
        if (!request.TryGetProperty("kind", out var gvk) || gvk.ValueKind != JsonValueKind.Object)
            throw Invalid("request.kind: required: {group, version, kind}");
        var kindName = OptionalString(gvk, "kind", "request.kind.kind");
        if (string.IsNullOrEmpty(kindName))
            throw Invalid("request.kind.kind: required");
        var obj = OptionalObject(request, "object", "request.object");
        if (operation is "CREATE" or "UPDATE" && obj is null)
            throw Invalid($"request.object: required for {operation}");
        return new AdmissionRequest(document)
        {
            Uid = uid,
            Operation = operation,
            Group = OptionalString(gvk, "group", "request.kind.group") ?? "",
            Version = OptionalString(gvk, "version", "request.kind.version") ?? "",
            Kind = kindName,
            Namespace = OptionalString(request, "namespace", "request.namespace") is { Length: > 0 } ns ? ns : null,
            Name = OptionalString(request, "name", "request.name") ?? "",
            DryRun = request.TryGetProperty("dryRun", out var dryRun) && dryRun.ValueKind == JsonValueKind.True,
            Object = obj,
            OldObject = OptionalObject(request, "oldObject", "request.oldObject"),
            UserInfo = OptionalObject(request, "userInfo", "request.userInfo"),
        };
    }

    private static string? OptionalString(JsonElement parent, string name, string path)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        return value.ValueKind == JsonValueKind.String ? value.GetString() : throw Invalid($"{path}: expected a string, got {Describe(value)}");
    }

    private static JsonElement? OptionalObject(JsonElement parent, string name, string path)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        return value.ValueKind == JsonValueKind.Object ? value : throw Invalid($"{path}: expected an object, got {Describe(value)}");
    }

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    private static StewardInputException Invalid(string message) => new($"not an AdmissionReview: {message}");
}
