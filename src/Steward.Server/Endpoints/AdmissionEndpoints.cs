using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Steward.Core;
using Steward.Core.Application;
using Steward.Core.Application.Admission;
using Steward.Core.Governance.Kinds;
using Steward.Server.Admission;
using Steward.Server.Metrics;
using Steward.Server.Revisions;

namespace Steward.Server.Endpoints;

/// <summary>
/// <c>POST /admission/validate</c>: the validating admission webhook. Bind (the body, bounded) →
/// call (<see cref="StewardApplication.Admit"/> on the served revision) → render (the AdmissionReview
/// the use case wrote). A body that is not an AdmissionReview is a 400 with one line saying why.
/// </summary>
public static class AdmissionEndpoints
{
    public const string Path = "/admission/validate";

    public static IEndpointRouteBuilder MapAdmission(this IEndpointRouteBuilder app)
    {
        var log = app.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger("Steward.Admission");
        var cache = new AdmissionRevisionCache(app.ServiceProvider.GetRequiredService<StewardApplication>(), app.ServiceProvider.GetRequiredService<ServeOptions>().Store, log);
        var revisions = app.ServiceProvider.GetRequiredService<RevisionHolder>();
        var metrics = app.ServiceProvider.GetRequiredService<AdmissionMetrics>();
        // Prepare the revision served at start-up now, so that the first review does not pay for compiling the policies.
        if (revisions.Current is { } current)
        {
            try
            {
                cache.For(current);
            }
            catch (StewardInputException ex)
            {
                log.LogError("admission: revision {Revision} cannot be checked: {Error}", current.Id, ex.Message);
            }
        }
        app.MapPost(Path, (Func<HttpContext, Task<IResult>>)(http => Validate(http, cache, revisions, metrics, log)));
        return app;
    }

    private static async Task<IResult> Validate(HttpContext http, AdmissionRevisionCache cache, RevisionHolder revisions, AdmissionMetrics metrics, ILogger log)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var body = await ReadBody(http.Request, AdmissionReviewReader.MaxBytes, http.RequestAborted);
            if (body is null)
                return Refuse(metrics, "invalid", StatusCodes.Status413PayloadTooLarge, $"not an AdmissionReview: the body is larger than the {AdmissionReviewReader.MaxBytes} bytes an AdmissionReview may have");
            if (revisions.Current is not { } current)
                return Refuse(metrics, "unavailable", StatusCodes.Status503ServiceUnavailable, "no revision of the repository is loaded yet");
            AdmissionRevision revision;
            try
            {
                revision = cache.For(current);
            }
            catch (StewardInputException ex)
            {
                // Not the request's fault: a 500 makes the API server apply the webhook's failurePolicy.
                return Refuse(metrics, "unavailable", StatusCodes.Status500InternalServerError, $"revision {current.Id} cannot be checked: {ex.Message}");
            }
            AdmissionAnswer answer;
            try
            {
                answer = cache.Application.Admit(revision, body.Value, http.RequestAborted);
            }
            catch (StewardInputException ex)
            {
                return Refuse(metrics, "invalid", StatusCodes.Status400BadRequest, ex.Message);
            }
            Record(answer, metrics, log);
            return Results.Bytes(answer.Response, "application/json");
        }
        finally
        {
            metrics.Duration.Observe(Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
    }

    private static IResult Refuse(AdmissionMetrics metrics, string decision, int status, string message)
    {
        metrics.Requests.WithLabels("", "", decision).Inc();
        return Results.Text(message + "\n", "text/plain; charset=utf-8", statusCode: status);
    }

    /// <summary>
    /// Metrics for every answer. The log gets what nobody else sees at Information (findings enforced
    /// as dryrun, reviews past the time budget) and every decision with findings at Debug: kubectl
    /// already shows the requester denials and warnings, and a line per request would cost more than the review.
    /// </summary>
    private static void Record(AdmissionAnswer answer, AdmissionMetrics metrics, ILogger log)
    {
        var decision = answer.Decision;
        metrics.Requests.WithLabels(answer.Operation, answer.Kind, decision.DecisionLabel).Inc();
        foreach (var finding in decision.Findings)
            metrics.Findings.WithLabels(finding.Finding.RuleId, Action(finding.Action)).Inc();
        var timedOut = decision.Outcome == AdmissionOutcome.TimedOut;
        if (decision.Findings.Count == 0 && !timedOut) return;
        var level = timedOut || decision.Findings.Any(f => f.Action == AdmissionEnforcement.DryRun) ? LogLevel.Information : LogLevel.Debug;
        if (!log.IsEnabled(level)) return;
        var target = answer.Namespace is null ? $"{answer.Kind} {answer.Name}" : $"{answer.Kind} {answer.Namespace}/{answer.Name}";
        var details = string.Concat(decision.Findings.Select(f => $"\n  {Action(f.Action)} [{f.Finding.RuleId}] {f.Finding.Message}"))
            + (timedOut ? "\n  " + (decision.Message ?? decision.Warnings[0]) : "");
        log.Log(level, "admission {Operation} {Target}{DryRun}: {Decision}{Findings}", answer.Operation, target, answer.DryRun ? " (dry run)" : "", decision.DecisionLabel, details);
    }

    private static string Action(AdmissionEnforcement action) => action switch
    {
        AdmissionEnforcement.Deny => "deny",
        AdmissionEnforcement.Warn => "warn",
        _ => "dryrun",
    };

    /// <summary>The body, or null when it is longer than <paramref name="limit"/> (read no further than that).</summary>
    private static async Task<ReadOnlyMemory<byte>?> ReadBody(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit) return null;
        using var buffer = new MemoryStream(request.ContentLength is { } length ? (int)length : 16 * 1024);
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit) return null;
            buffer.Write(chunk, 0, read);
        }
        return new ReadOnlyMemory<byte>(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
