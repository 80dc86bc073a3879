using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Steward.Server.Security;
using static Steward.Server.Dashboard.Html;

namespace Steward.Server.Dashboard;

/// <summary>
/// <c>GET /login</c> asks once for a token of <c>--token-file</c> with the read scope; <c>POST /login</c>
/// (a form, so that the token is in no URL) keeps it in the session cookie (<see cref="SessionCookie"/>)
/// and returns to the page asked for; <c>POST /logout</c> forgets it. Posts from another origin are refused.
/// </summary>
internal static class LoginPage
{
    public const string Path = "/login";

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet(Path, (HttpContext http, ApiAuthenticator auth) => Form(http, auth, LocalPath(http.Request.Query["next"]), null, StatusCodes.Status200OK));
        app.MapPost(Path, async (HttpContext http, ApiAuthenticator auth) =>
        {
            if (!SameOrigin(http.Request))
                return Layout.Page(http, "Sign in", "", null, "<h1>Sign in</h1><p class=\"bad\">Refused: the form was posted from another site.</p>", StatusCodes.Status403Forbidden);
            if (!http.Request.HasFormContentType)
                return Form(http, auth, "/", "Send the form of this page.", StatusCodes.Status400BadRequest);
            var form = await http.Request.ReadFormAsync(http.RequestAborted);
            var next = LocalPath(form["next"]);
            var token = form["token"].ToString().Trim();
            var caller = auth.Tokens.Authenticate(token);
            if (caller is null || !caller.Has(ApiScopes.Read))
                return Form(http, auth, next, caller is null ? "That token is not in the server's token file." : $"Token \"{caller.Name}\" lacks the read scope.", StatusCodes.Status401Unauthorized);
            SessionCookie.Write(http.Response, token);
            return Results.Redirect(next);
        });
        app.MapPost("/logout", (HttpContext http) =>
        {
            if (!SameOrigin(http.Request)) return Results.StatusCode(StatusCodes.Status403Forbidden);
            SessionCookie.Clear(http.Response);
            return Results.Redirect(Path);
        });
    }

    private static IResult Form(HttpContext http, ApiAuthenticator auth, string next, string? error, int status)
    {
        var html = new StringBuilder("<h1>Sign in</h1>\n");
        if (auth.Tokens.Count == 0)
        {
            html.Append("<p>This server has no <code>--token-file</code>: the dashboard is open, no sign-in is needed. <a href=\"/\">Overview</a></p>\n");
            return Layout.Page(http, "Sign in", "", null, html.ToString(), status);
        }
        if (error is not null) html.Append("<p class=\"bad\" id=\"login-error\">").Append(E(error)).Append("</p>\n");
        html.Append("<form class=\"login\" method=\"post\" action=\"").Append(Path).Append("\">")
            .Append("<label for=\"token\">API token (scope read)</label><input id=\"token\" name=\"token\" type=\"password\" autocomplete=\"current-password\" required autofocus>")
            .Append("<input type=\"hidden\" name=\"next\" value=\"").Append(E(next)).Append("\">")
            .Append("<button type=\"submit\">Sign in</button>")
            .Append("<p class=\"muted\">Kept in an HttpOnly, SameSite=Strict cookie for 12 hours; it lets this browser read, never ingest.</p></form>\n");
        return Layout.Page(http, "Sign in", "", null, html.ToString(), status);
    }

    /// <summary>A path on this server to return to; anything else (another host, a scheme) returns to the overview.</summary>
    private static string LocalPath(string? next) =>
        next is { Length: > 0 } n && n[0] == '/' && !n.StartsWith("//", StringComparison.Ordinal) && !n.Contains('\\', StringComparison.Ordinal) ? n : "/";

    /// <summary>A browser names the page that posts (Origin, else Referer); one from another host is refused. Clients that send neither are not browsers.</summary>
    private static bool SameOrigin(HttpRequest request)
    {
        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0) origin = request.Headers.Referer.ToString();
        if (origin.Length == 0) return true;
        return Uri.TryCreate(origin, UriKind.Absolute, out var uri) && string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase);
    }
}
