using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Steward.Core.Application.Loop;
using Steward.Core.Findings;
using Steward.Core.Reporting;
using Steward.Server.Loop;
using Steward.Server.Security;

namespace Steward.Server.Endpoints;

/// <summary>
/// <c>GET /api/v1/loop</c> (scope read): the latest control-loop run of this replica: its revision,
/// trigger and start, and each step in the order it ran with its status, summary, duration and
/// findings (as <c>steward check --format json</c> writes findings, sorted). 404 before the first run,
/// and on a replica that does not lead (only the leader runs the loop).
/// </summary>
public static class LoopEndpoints
{
    public const string Path = "/api/v1/loop";

    public static IEndpointRouteBuilder MapLoop(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, (LoopStatus status) => status.Last is { } run
            ? Results.Text(Json(run), "application/json; charset=utf-8")
            : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "no loop run",
                detail: "the control loop has not run on this replica yet (only the leader runs it)"))
            .RequireScope(ApiScopes.Read);
        return app;
    }

    public static string Json(LoopRunResult run)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("revision", run.RevisionId);
            writer.WriteString("trigger", run.Trigger);
            writer.WriteString("startedAt", run.StartedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
            writer.WriteStartArray("steps");
            foreach (var step in run.Steps)
            {
                writer.WriteStartObject();
                writer.WriteString("step", step.Step);
                writer.WriteString("status", step.StatusName);
                writer.WriteString("summary", step.Summary);
                writer.WriteNumber("durationMs", (long)Math.Round(step.Duration.TotalMilliseconds));
                writer.WriteStartArray("findings");
                foreach (var finding in step.Findings.Order(FindingOrder.Instance))
                    JsonCheckReporter.WriteFinding(writer, finding);
                writer.WriteEndArray();
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }
}
