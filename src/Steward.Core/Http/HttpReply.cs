using System.Text;
using System.Text.Json;

namespace Steward.Core.Http;

/// <summary>
/// A service's answer, read whole within the size cap: the status, the body bytes, and how long the
/// service asked to wait before a retry (Retry-After, or GitHub's exhausted rate limit's reset time).
/// </summary>
public sealed record HttpReply(int Status, byte[] Body, TimeSpan? RetryAfter)
{
    public bool IsSuccess => Status is >= 200 and <= 299;

    /// <summary>
    /// Worth retrying: 429, a transient 5xx (not 501 or 505, which say the request can never work), and a
    /// 403 that carries a wait (GitHub's secondary rate limit answers 403 with Retry-After).
    /// </summary>
    public bool IsTransient => Status switch
    {
        429 => true,
        403 => RetryAfter is not null,
        501 or 505 => false,
        >= 500 and <= 599 => true,
        _ => false,
    };

    public string Text => Encoding.UTF8.GetString(Body);

    /// <summary>The body as JSON (depth bounded).</summary>
    /// <exception cref="RemoteServiceException">Not JSON.</exception>
    public JsonDocument Json(string service)
    {
        try
        {
            return JsonDocument.Parse(Body, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException ex)
        {
            throw new RemoteServiceException($"{service}: HTTP {Status} with a body that is not JSON ({ex.Message})", ex);
        }
    }
}
