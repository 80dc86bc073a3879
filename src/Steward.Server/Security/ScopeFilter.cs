using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Steward.Server.Security;

/// <summary>
/// Authorisation of an API endpoint (see <see cref="ApiAuthenticator"/> for who the caller is): 401
/// without a valid token (with <c>WWW-Authenticate: Bearer</c>), 403 without the scope. Without
/// <c>--token-file</c> reading is open and ingestion and administration answer 403 naming the flag.
/// The token itself is never logged.
/// </summary>
public static class ScopeFilter
{
    /// <summary>The key under which the authenticated <see cref="ApiCaller"/> is kept in HttpContext.Items.</summary>
    public const string CallerItem = "steward.caller";

    public static TBuilder RequireScope<TBuilder>(this TBuilder builder, string scope) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var auth = http.RequestServices.GetRequiredService<ApiAuthenticator>();
            if (auth.Tokens.Count == 0 && scope != ApiScopes.Read)
                return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "forbidden",
                    detail: $"the server has no --token-file: the {scope} scope is refused (start `steward serve` with --token-file naming a token with the {scope} scope)");
            var caller = auth.Authenticate(http.Request);
            if (caller is null)
            {
                http.Response.Headers.WWWAuthenticate = "Bearer realm=\"steward\"";
                return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "unauthorized",
                    detail: "a valid bearer token is required (Authorization: Bearer TOKEN)");
            }
            if (!caller.Has(scope))
                return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "forbidden", detail: $"caller \"{caller.Name}\" lacks the scope {scope}");
            http.Items[CallerItem] = caller;
            return await next(context);
        });
}
