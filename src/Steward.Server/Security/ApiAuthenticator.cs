using Microsoft.AspNetCore.Http;

namespace Steward.Server.Security;

/// <summary>
/// Who is calling: a bearer token of <c>--token-file</c> (the Authorization header, as API clients and
/// authenticating proxies send it), the dashboard's session cookie (reading only), a user named by a
/// trusted header of an authenticating proxy (<c>--auth-proxy-header</c>, reading only), or, with neither
/// a token file nor a proxy header, an anonymous reader (open mode: a local look, `serve` warns).
/// </summary>
public sealed class ApiAuthenticator(TokenFile tokens, string? proxyHeader)
{
    /// <summary>The caller of open mode: reads, never ingests or administers.</summary>
    public static readonly ApiCaller Anonymous = new("anonymous", new HashSet<string>(StringComparer.Ordinal) { ApiScopes.Read });

    private static readonly IReadOnlySet<string> ReadOnly = new HashSet<string>(StringComparer.Ordinal) { ApiScopes.Read };

    public TokenFile Tokens => tokens;

    /// <summary>The trusted header of the authenticating proxy, or null when none is honoured.</summary>
    public string? ProxyHeader => proxyHeader;

    /// <summary>No token file and no proxy header: reading is open to anyone, ingestion and administration are refused.</summary>
    public bool Open => tokens.Count == 0 && proxyHeader is null;

    /// <summary>
    /// The caller of a request, or null. The cookie and the proxy header authenticate only safe
    /// methods (GET, HEAD) and only for reading, so that no cross-site form can ingest or administer
    /// with a browser's ambient credentials.
    /// </summary>
    public ApiCaller? Authenticate(HttpRequest request)
    {
        if (BearerToken(request) is { } bearer)
            return tokens.Authenticate(bearer) ?? (Open ? Anonymous : null);
        var safe = HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method);
        if (safe && SessionCookie.Read(request) is { } session && tokens.Authenticate(session) is { } owner && owner.Has(ApiScopes.Read))
            return new ApiCaller(owner.Name, ReadOnly);
        if (safe && proxyHeader is not null && request.Headers[proxyHeader].ToString() is { Length: > 0 } user)
            return new ApiCaller("proxy:" + user.Trim(), ReadOnly);
        return Open ? Anonymous : null;
    }

    public static string? BearerToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        const string prefix = "Bearer ";
        return header.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) ? header[prefix.Length..].Trim() : null;
    }
}
