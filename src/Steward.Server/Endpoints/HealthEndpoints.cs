using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Steward.Server.Revisions;

namespace Steward.Server.Endpoints;

/// <summary>/healthz (the process answers) and /readyz (a revision is loaded and the latest load succeeded).</summary>
public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", () => Results.Text("ok\n"));
        app.MapGet("/readyz", (RevisionHolder revisions) =>
        {
            var current = revisions.Current;
            if (current is null)
                return Results.Text($"not ready: no revision loaded{(revisions.LastError is { } e ? ": " + e : "")}\n", statusCode: StatusCodes.Status503ServiceUnavailable);
            return revisions.LastError is { } error
                ? Results.Text($"not ready: serving revision {current.Id}; the latest load failed: {error}\n", statusCode: StatusCodes.Status503ServiceUnavailable)
                : Results.Text($"ok: revision {current.Id}\n");
        });
        return app;
    }
}
