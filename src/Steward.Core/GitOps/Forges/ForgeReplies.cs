using System.Text.Json;
using Steward.Core.Http;

namespace Steward.Core.GitOps.Forges;

/// <summary>
/// Turns a forge's refusal into one line. 401, 403 and 404 are the user's configuration (a revoked
/// token, missing scopes, a wrong repository or URL): a <see cref="StewardInputException"/> that says
/// what to check. The rest (5xx after the retries, a validation failure) is a
/// <see cref="RemoteServiceException"/> quoting the forge's own message.
/// </summary>
internal static class ForgeReplies
{
    private const int MaxQuoted = 300;

    /// <param name="action">What was asked, as a verb phrase: "open a pull request", "add labels".</param>
    /// <param name="permissions">The token permissions the action needs, for the 403 hint.</param>
    public static Exception Failure(ForgeOptions forge, HttpReply reply, string action, string permissions)
    {
        var where = $"{forge.Kind} {forge.Repository} at {forge.ApiUrl.AbsoluteUri.TrimEnd('/')}";
        var said = Message(reply) is { } m ? $": {m}" : "";
        return reply.Status switch
        {
            // First: GitHub answers an exhausted rate limit with 403 (or 429) and the time to wait, which is no permission problem.
            var status when reply.IsTransient && reply.RetryAfter is { } wait =>
                new RemoteServiceException($"{where}: could not {action}: rate limited (HTTP {status}{said}); the forge asks to wait {Math.Ceiling(wait.TotalSeconds)} s"),
            401 => new StewardInputException($"{where}: the token from {forge.TokenSource} was refused (HTTP 401{said}); check that it is valid, not expired and not revoked"),
            403 => new StewardInputException($"{where}: the token from {forge.TokenSource} may not {action} (HTTP 403{said}); it needs {permissions}"),
            404 => new StewardInputException($"{where}: not found (HTTP 404{said}); check the repository name, the API URL, and that the token can see the repository"),
            >= 300 and <= 399 => new StewardInputException($"{where}: the API answered a redirect (HTTP {reply.Status}); give the API's own URL"),
            var status => new RemoteServiceException($"{where}: could not {action}: HTTP {status}{said}"),
        };
    }

    /// <summary>The forge's explanation: GitHub's message and errors[].message; GitLab's message (a string, a list or a map of lists) or error.</summary>
    public static string? Message(HttpReply reply)
    {
        try
        {
            using var json = JsonDocument.Parse(reply.Body, new JsonDocumentOptions { MaxDepth = 16 });
            if (json.RootElement.ValueKind != JsonValueKind.Object) return null;
            var parts = new List<string>();
            if (json.RootElement.TryGetProperty("message", out var message)) Collect(message, null, parts);
            if (json.RootElement.TryGetProperty("error", out var error)) Collect(error, null, parts);
            if (json.RootElement.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in errors.EnumerateArray())
                {
                    if (item.ValueKind == JsonValueKind.Object && item.TryGetProperty("message", out var inner)) Collect(inner, null, parts);
                    else if (item.ValueKind == JsonValueKind.Object && item.TryGetProperty("code", out var code)) Collect(code, item.TryGetProperty("field", out var f) ? f.ToString() : null, parts);
                }
            }
            return parts.Count == 0 ? null : OneLine(string.Join("; ", parts));
        }
        catch (JsonException)
        {
            return reply.Body.Length == 0 ? null : OneLine(reply.Text);
        }
    }

    /// <summary>Whether any part of the explanation contains <paramref name="text"/> (case-insensitive).</summary>
    public static bool Says(HttpReply reply, string text) => Message(reply)?.Contains(text, StringComparison.OrdinalIgnoreCase) ?? false;

    private static void Collect(JsonElement value, string? field, List<string> parts)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                parts.Add(field is null ? value.GetString()! : $"{field} {value.GetString()}");
                break;
            case JsonValueKind.Array:
                foreach (var item in value.EnumerateArray()) Collect(item, field, parts);
                break;
            case JsonValueKind.Object:
                foreach (var property in value.EnumerateObject()) Collect(property.Value, property.Name, parts);
                break;
        }
    }

    private static string OneLine(string text)
    {
        var line = string.Join(' ', text.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries)).Trim();
        return line.Length > MaxQuoted ? line[..MaxQuoted] + "…" : line;
    }
}
