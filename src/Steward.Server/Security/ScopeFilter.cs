using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Steward.Server.Security;

/// <summary>
/// Bearer-token authorisation of an endpoint: 401 without a valid token (with
/// <c>WWW-Authenticate: Bearer</c>), 403 without the scope. The token itself is never logged.
/// </summary>
public static class ScopeFilter
{
    /// <summary>The key under which the authenticated <see cref="ApiCaller"/> is kept in HttpContext.Items.</summary>
    public const string CallerItem = "steward.caller";

    public static TBuilder RequireScope<TBuilder>(this TBuilder builder, string scope) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var tokens = http.RequestServices.GetRequiredService<TokenFile>();
            var caller = tokens.Authenticate(BearerToken(http.Request));
            if (caller is null)
            {
                http.Response.Headers.WWWAuthenticate = "Bearer realm=\"steward\"";
                return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "unauthorized",
                    detail: tokens.Count == 0 ? "the server has no --token-file: the API is closed" : "a valid bearer token is required (Authorization: Bearer TOKEN)");
            }
            if (!caller.Has(scope))
                return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "forbidden", detail: $"token \"{caller.Name}\" lacks the scope {scope}");
            http.Items[CallerItem] = caller;
            return await next(context);
        });

    private static string? BearerToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        const string prefix = "Bearer ";
        return header.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) ? header[prefix.Length..].Trim() : null;
    }
}
