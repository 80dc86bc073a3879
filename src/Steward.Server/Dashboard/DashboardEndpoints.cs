using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Steward.Core.Application;
using Steward.Server.Revisions;
using Steward.Server.Security;

namespace Steward.Server.Dashboard;

/// <summary>
/// The dashboard: server-rendered pages over the revision being served and the server's store, read
/// through the application's services as the CLI's commands read them (see docs/dashboard.md). Pages need
/// the read scope (<see cref="ApiAuthenticator"/>); a browser without a session is sent to /login.
/// </summary>
public static class DashboardEndpoints
{
    public static IEndpointRouteBuilder MapDashboard(this IEndpointRouteBuilder app)
    {
        var data = app.ServiceProvider.GetRequiredService<DashboardData>();
        app.MapGet(DashboardAssets.CssPath, (HttpContext http) => Asset(http, DashboardAssets.Css, "text/css; charset=utf-8"));
        app.MapGet(DashboardAssets.ScriptPath, (HttpContext http) => Asset(http, DashboardAssets.Script, "text/javascript; charset=utf-8"));
        // Browsers ask for it on every site; an empty answer spares each page a 404 in the console.
        app.MapGet("/favicon.ico", () => Results.NoContent());
        LoginPage.Map(app);

        Page(app, "/", (http, revision) => OverviewPage.Render(http, revision, data));
        Page(app, "/findings", (http, revision) => FindingsPage.Render(http, revision, data));
        Page(app, "/source", (http, revision) => SourcePage.Render(http, revision, data));
        Page(app, "/models", (http, revision) => ModelsPage.Render(http, revision, data));
        // The router leaves %2F encoded in a segment: a model's name may hold any character.
        Page(app, "/models/{name}", (http, revision) => ModelPage.Render(http, revision, data, Uri.UnescapeDataString((string)http.Request.RouteValues["name"]!)));
        Page(app, "/costs", (http, revision) => CostsPage.Render(http, revision, data));
        Page(app, "/budgets", (http, revision) => BudgetsPage.Render(http, revision, data));
        Page(app, "/audit", (http, revision) => AuditPage.Render(http, revision, data));
        return app;
    }

    private static void Page(IEndpointRouteBuilder app, string pattern, Func<HttpContext, ServedRevision, IResult> render) =>
        app.MapGet(pattern, (HttpContext http, RevisionHolder revisions, ApiAuthenticator auth) =>
        {
            var caller = auth.Authenticate(http.Request);
            if (caller is null)
            {
                if (auth.Tokens.Count > 0)
                    return Results.Redirect(LoginPage.Path + "?next=" + Uri.EscapeDataString(http.Request.Path + http.Request.QueryString), preserveMethod: false);
                return Layout.Page(http, "Sign in", "", null, $"<h1>Sign in</h1><p>Sign in through the authenticating proxy (it sends <code>{Html.E(auth.ProxyHeader)}</code>).</p>", StatusCodes.Status401Unauthorized);
            }
            if (!caller.Has(ApiScopes.Read))
                return Layout.Page(http, "Forbidden", "", null, $"<h1>Forbidden</h1><p>{Html.E(caller.Name)} lacks the read scope.</p>", StatusCodes.Status403Forbidden);
            http.Items[ScopeFilter.CallerItem] = caller;
            // Every page follows the revision the server serves now (the sync and the loop publish it).
            if (revisions.Current is not { } revision)
                return Layout.Page(http, "Not ready", "", null, "<h1>Not ready</h1><p>No revision of the repository is loaded yet.</p>", StatusCodes.Status503ServiceUnavailable);
            return render(http, revision);
        });

    private static IResult Asset(HttpContext http, string text, string contentType)
    {
        Layout.SecurityHeaders(http.Response);
        http.Response.Headers.CacheControl = "public, max-age=300";
        return Results.Text(text, contentType);
    }
}
