using System.Text;
using Microsoft.AspNetCore.Http;
using Steward.Server.Revisions;
using Steward.Server.Security;
using static Steward.Server.Dashboard.Html;

namespace Steward.Server.Dashboard;

/// <summary>The page around every dashboard page: navigation, the revision served, the caller, and the response headers.</summary>
internal static class Layout
{
    /// <summary>
    /// Only the server's own stylesheet and script; no inline script or style, no frames, forms post only
    /// to the server. Inline SVG is part of the document and needs no source.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private static readonly (string Path, string Title)[] Nav =
    [
        ("/", "Overview"), ("/findings", "Findings"), ("/models", "Models"), ("/costs", "Costs"), ("/budgets", "Budgets"), ("/audit", "Audit"),
    ];

    public static IResult Page(HttpContext http, string title, string active, ServedRevision? revision, string body, int status = StatusCodes.Status200OK)
    {
        var html = new StringBuilder(body.Length + 2048);
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<title>").Append(E(title)).Append(" · Steward</title>")
            .Append("<link rel=\"stylesheet\" href=\"").Append(DashboardAssets.CssPath).Append("\">")
            .Append("<script src=\"").Append(DashboardAssets.ScriptPath).Append("\" defer></script></head>\n<body>\n<header><span class=\"brand\">Steward</span><nav>");
        foreach (var (path, name) in Nav)
            html.Append("<a href=\"").Append(path).Append('"').Append(path == active ? " class=\"active\"" : "").Append('>').Append(name).Append("</a>");
        html.Append("</nav><span class=\"who\">");
        if (revision is not null)
            html.Append("revision <code id=\"revision\">").Append(E(revision.Id)).Append("</code> · ");
        var caller = http.Items[ScopeFilter.CallerItem] as ApiCaller;
        html.Append(E(caller?.Name ?? ""));
        if (SessionCookie.Read(http.Request) is not null)
            html.Append(" <form method=\"post\" action=\"/logout\"><button type=\"submit\">sign out</button></form>");
        html.Append("</span></header>\n<main>\n").Append(body).Append("</main>\n</body></html>\n");
        return new HtmlResult(html.ToString(), status);
    }

    /// <summary>The headers every dashboard response carries.</summary>
    public static void SecurityHeaders(HttpResponse response)
    {
        response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers["Referrer-Policy"] = "no-referrer";
        response.Headers.XFrameOptions = "DENY";
        // Pages show the store as it is now, and may show what only a signed-in reader should see.
        response.Headers.CacheControl = "no-store";
    }

    private sealed class HtmlResult(string html, int status) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = status;
            SecurityHeaders(httpContext.Response);
            httpContext.Response.ContentType = "text/html; charset=utf-8";
            return httpContext.Response.WriteAsync(html, httpContext.RequestAborted);
        }
    }
}
