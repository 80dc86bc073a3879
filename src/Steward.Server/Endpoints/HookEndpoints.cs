using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Steward.Server.Loop;
using Steward.Server.Metrics;
using Steward.Server.Security;

namespace Steward.Server.Endpoints;

/// <summary>
/// The Git push hook (docs/integrations.md, "The Git push hook"): <c>POST /api/v1/hooks/git</c> as
/// GitHub and GitLab deliver it. Authenticated by the delivery itself (GitHub's X-Hub-Signature-256 over
/// the raw body, GitLab's X-Gitlab-Token), not by an API token; refused (403) without
/// <c>--hook-secret-file</c>. A push asks the control loop for a run at once (202); a ping answers 200.
/// </summary>
public static class HookEndpoints
{
    /// <summary>The largest body read: a push of many commits is a few hundred KiB.</summary>
    public const int MaxBodyBytes = 1024 * 1024;

    public static IEndpointRouteBuilder MapGitHook(this IEndpointRouteBuilder app)
    {
        var secret = app.ServiceProvider.GetRequiredService<GitHookSecret>();
        var trigger = app.ServiceProvider.GetRequiredService<LoopTrigger>();
        var metrics = app.ServiceProvider.GetRequiredService<HookMetrics>();
        var log = app.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger("Steward.Server.Hooks");
        // A Func, not a lambda on HttpContext alone: that would bind as a RequestDelegate and drop the IResult.
        Func<HttpContext, Task<IResult>> handle = http => HandleAsync(http, secret, trigger, metrics, log);
        app.MapPost("/api/v1/hooks/git", handle);
        return app;
    }

    private static async Task<IResult> HandleAsync(HttpContext http, GitHookSecret secret, LoopTrigger trigger, HookMetrics metrics, ILogger log)
    {
        var headers = http.Request.Headers;
        var (source, eventName) = headers.TryGetValue("X-GitHub-Event", out var github) ? ("github", github.ToString())
            : headers.TryGetValue("X-Gitlab-Event", out var gitlab) ? ("gitlab", gitlab.ToString())
            : ("unknown", "");

        if (secret.Key is not { } key)
        {
            metrics.Count(source, "disabled");
            return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "hook disabled",
                detail: "the Git push hook is off: start steward serve with --hook-secret-file FILE (the secret set on the GitHub or GitLab webhook)");
        }
        if (source == "unknown")
        {
            metrics.Count(source, "rejected");
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "not a Git push hook",
                detail: "expected a GitHub (X-GitHub-Event) or GitLab (X-Gitlab-Event) webhook delivery");
        }
        // GitLab's token needs no body: a delivery without it is refused before anything is read.
        if (source == "gitlab" && !GitHookSignature.GitLab(key, headers["X-Gitlab-Token"].ToString()))
            return Unauthorized(http, metrics, log, source, "X-Gitlab-Token does not match the secret of --hook-secret-file");

        var body = await BoundedRequestBody.ReadAsync(http, MaxBodyBytes);
        if (body is null)
        {
            metrics.Count(source, "too_large");
            return Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "request body too large",
                detail: $"a Git push hook delivery is at most {MaxBodyBytes} bytes");
        }
        if (source == "github" && !GitHookSignature.GitHub(key, body, headers["X-Hub-Signature-256"].ToString()))
            return Unauthorized(http, metrics, log, source, "X-Hub-Signature-256 is missing or is not the HMAC-SHA256 of the body with the secret of --hook-secret-file");

        switch (source, eventName)
        {
            case ("github", "ping"):
                metrics.Count(source, "ping");
                return Results.Json(new HookAnswer("pong", source, eventName), statusCode: StatusCodes.Status200OK);
            case ("github", "push"):
            case ("gitlab", "Push Hook"):
                trigger.Request("hook");
                metrics.Count(source, "triggered");
                if (log.IsEnabled(LogLevel.Information)) log.LogInformation("Git push hook from {Source}: a loop run is requested", source);
                return Results.Json(new HookAnswer("triggered", source, eventName), statusCode: StatusCodes.Status202Accepted);
            default:
                metrics.Count(source, "ignored");
                return Results.Json(new HookAnswer("ignored", source, eventName), statusCode: StatusCodes.Status200OK);
        }
    }

    private static IResult Unauthorized(HttpContext http, HookMetrics metrics, ILogger log, string source, string detail)
    {
        metrics.Count(source, "unauthorized");
        log.LogWarning("Git push hook from {Source} refused (bad signature or token) from {Remote}", source, http.Connection.RemoteIpAddress);
        return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "unauthorized", detail: detail);
    }

    private sealed record HookAnswer(
        [property: System.Text.Json.Serialization.JsonPropertyName("status")] string Status,
        [property: System.Text.Json.Serialization.JsonPropertyName("source")] string Source,
        [property: System.Text.Json.Serialization.JsonPropertyName("event")] string Event);
}
