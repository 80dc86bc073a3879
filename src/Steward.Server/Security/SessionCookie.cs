using Microsoft.AspNetCore.Http;

namespace Steward.Server.Security;

/// <summary>
/// The dashboard's session: the token entered once on /login, kept by the browser in a cookie that
/// scripts cannot read (HttpOnly), that no other site's page sends (SameSite=Strict), sent only over
/// TLS when the server speaks TLS (Secure), for 12 hours. The token itself is kept, not a server-side
/// session, so that every replica accepts it and a token removed from the token file ends the session
/// at the next request. It never appears in a URL.
/// </summary>
public static class SessionCookie
{
    public const string Name = "steward_session";

    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(12);

    public static string? Read(HttpRequest request) =>
        request.Cookies.TryGetValue(Name, out var value) && value is { Length: > 0 } ? value : null;

    public static void Write(HttpResponse response, string token) =>
        response.Cookies.Append(Name, token, Options(response.HttpContext.Request, Lifetime));

    public static void Clear(HttpResponse response) =>
        response.Cookies.Delete(Name, Options(response.HttpContext.Request, null));

    private static CookieOptions Options(HttpRequest request, TimeSpan? lifetime) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Secure = request.IsHttps,
        Path = "/",
        MaxAge = lifetime,
        IsEssential = true,
    };
}
