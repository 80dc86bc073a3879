using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Steward.Core;
using Steward.Core.Application;
using Steward.Core.Application.Ingestion;
using Steward.Core.Application.Ingestion.Otlp;
using Steward.Server.Metrics;
using Steward.Server.Revisions;
using Steward.Server.Security;

namespace Steward.Server.Endpoints;

/// <summary>
/// OTLP/HTTP ingestion (docs/sources.md, "OpenTelemetry"): POST /v1/traces and /v1/logs, protobuf or JSON, optionally
/// gzip. Bind (content type, encoding, Idempotency-Key, the served revision's Monitors) → <see cref="OtlpIngestionService"/>
/// → answer in the request's encoding. The ingestion API's scope, limits and write queue.
/// </summary>
public static class OtlpEndpoints
{
    public static IEndpointRouteBuilder MapOtlp(this IEndpointRouteBuilder app)
    {
        var options = app.ServiceProvider.GetRequiredService<ServeOptions>();
        var service = app.ServiceProvider.GetRequiredService<StewardApplication>().Otlp(options.Store, app.ServiceProvider.GetService<IngestionLimits>());
        var revisions = app.ServiceProvider.GetRequiredService<RevisionHolder>();
        var metrics = app.ServiceProvider.GetRequiredService<OtlpMetrics>();
        var log = app.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger("Steward.Server.Otlp");

        Delegate Handler(OtlpSignal signal)
        {
            Func<HttpContext, Task<IResult>> handle = http => Export(http, service, revisions, metrics, log, signal);
            return handle;
        }
        app.MapPost("/v1/traces", Handler(OtlpSignal.Traces)).RequireScope(ApiScopes.Ingest);
        app.MapPost("/v1/logs", Handler(OtlpSignal.Logs)).RequireScope(ApiScopes.Ingest);
        return app;
    }

    private static async Task<IResult> Export(HttpContext http, OtlpIngestionService service, RevisionHolder revisions, OtlpMetrics metrics, ILogger log, OtlpSignal signal)
    {
        var media = http.Request.ContentType?.Split(';')[0].Trim().ToLowerInvariant();
        OtlpEncoding? encoding = media switch
        {
            "application/x-protobuf" or "application/protobuf" => OtlpEncoding.Protobuf,
            "application/json" => OtlpEncoding.Json,
            _ => null,
        };
        if (encoding is null)
            return Refused(metrics, signal, "unsupported", StatusCodes.Status415UnsupportedMediaType, OtlpEncoding.Json, OtlpResponses.InvalidArgument,
                $"/v1/{signal.Name()}: Content-Type {http.Request.ContentType ?? "(none)"} is not accepted; send application/x-protobuf or application/json (OTLP/HTTP)");
        var contentEncoding = http.Request.Headers.ContentEncoding.ToString().Trim().ToLowerInvariant();
        if (contentEncoding is not ("" or "identity" or "gzip"))
            return Refused(metrics, signal, "unsupported", StatusCodes.Status415UnsupportedMediaType, encoding.Value, OtlpResponses.InvalidArgument,
                $"/v1/{signal.Name()}: Content-Encoding {contentEncoding} is not accepted; send gzip or none");
        // The service bounds the body itself (as received and as inflated); Kestrel's own limit must not answer first.
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            size.MaxRequestBodySize = null;

        try
        {
            var request = new OtlpRequest
            {
                Signal = signal,
                Body = http.Request.Body,
                Encoding = encoding.Value,
                Gzip = contentEncoding == "gzip",
                DeclaredLength = http.Request.ContentLength,
                IdempotencyKey = http.Request.Headers.TryGetValue("Idempotency-Key", out var key) ? key.ToString() : null,
                Monitors = revisions.Current?.Repository.Monitors ?? [],
            };
            var result = await service.IngestAsync(request, http.RequestAborted);
            metrics.Exported(signal, result);
            return new Answer(StatusCodes.Status200OK, encoding.Value, OtlpResponses.Success(signal, encoding.Value, result));
        }
        catch (BodyTooLargeException ex)
        {
            return Refused(metrics, signal, "too_large", StatusCodes.Status413PayloadTooLarge, encoding.Value, OtlpResponses.ResourceExhausted, ex.Message);
        }
        catch (IdempotencyKeyReusedException ex)
        {
            return Refused(metrics, signal, "rejected", StatusCodes.Status422UnprocessableEntity, encoding.Value, OtlpResponses.InvalidArgument, ex.Message);
        }
        catch (StewardInputException ex)
        {
            return Refused(metrics, signal, "rejected", StatusCodes.Status400BadRequest, encoding.Value, OtlpResponses.InvalidArgument, ex.Message);
        }
        catch (StoreBusyException ex)
        {
            // OTLP senders retry 429 after Retry-After with the same body.
            http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(ex.RetryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            return Refused(metrics, signal, "busy", StatusCodes.Status429TooManyRequests, encoding.Value, OtlpResponses.ResourceExhausted, ex.Message);
        }
        catch (StoreUnavailableException ex)
        {
            log.LogError("otlp: the store cannot be opened: {Message}", ex.Message);
            return Refused(metrics, signal, "failed", StatusCodes.Status503ServiceUnavailable, encoding.Value, OtlpResponses.Unavailable, ex.Message);
        }
    }

    /// <summary>A failure as OTLP/HTTP answers it: a google.rpc.Status in the request's encoding.</summary>
    private static IResult Refused(OtlpMetrics metrics, OtlpSignal signal, string outcome, int status, OtlpEncoding encoding, int code, string message)
    {
        metrics.Refused(signal, outcome);
        return new Answer(status, encoding, OtlpResponses.Status(encoding, code, message));
    }

    /// <summary>An OTLP answer: a status code and a message already encoded as the request was.</summary>
    private sealed class Answer(int status, OtlpEncoding encoding, byte[] body) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = status;
            httpContext.Response.ContentType = OtlpResponses.ContentType(encoding);
            httpContext.Response.ContentLength = body.Length;
            return httpContext.Response.Body.WriteAsync(body).AsTask();
        }
    }
}
