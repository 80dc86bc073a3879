using System.Globalization;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Steward.Core;
using Steward.Core.Application;
using Steward.Core.Application.Ingestion;
using Steward.Core.FinOps.Import;
using Steward.Server.Metrics;
using Steward.Server.Security;

namespace Steward.Server.Endpoints;

/// <summary>
/// The ingestion API (docs/server.md, "Ingestion API"): POST /api/v1/inferences, /labels, /usage, /costs.
/// Bind (content type, query, Idempotency-Key) → <see cref="IngestionService"/> → render; every rule about
/// batches lives in the service. Answers 200 only after the batch is committed.
/// </summary>
public static partial class IngestionEndpoints
{
    private static readonly string[] JsonLinesTypes =
        ["application/x-ndjson", "application/ndjson", "application/jsonl", "application/x-jsonl", "application/jsonlines", "application/x-jsonlines", "application/json"];

    private static readonly string[] CsvTypes = ["text/csv", "application/csv", "text/plain"];

    private static readonly string[] ParquetTypes = ["application/vnd.apache.parquet", "application/x-parquet", "application/parquet"];

    private static readonly string[] BinaryTypes = ["application/octet-stream"];

    private static readonly string[] GzipTypes = ["application/gzip", "application/x-gzip"];

    public static IEndpointRouteBuilder MapIngestion(this IEndpointRouteBuilder app)
    {
        var options = app.ServiceProvider.GetRequiredService<ServeOptions>();
        // The server's application root when the host registers one; the writer is per store either way.
        var application = app.ServiceProvider.GetRequiredService<StewardApplication>();
        var service = application.Ingestion(options.Store, app.ServiceProvider.GetService<IngestionLimits>());
        var log = app.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger("Steward.Server.Ingestion");
        var metrics = app.ServiceProvider.GetRequiredService<IngestionMetrics>();

        // A Func, not a lambda on HttpContext alone: that would bind as a RequestDelegate and drop the IResult.
        Delegate Handler(IngestionKind kind)
        {
            Func<HttpContext, Task<IResult>> handle = http => Ingest(http, service, metrics, log, kind);
            return handle;
        }
        app.MapPost("/api/v1/inferences", Handler(IngestionKind.Inferences)).RequireScope(ApiScopes.Ingest);
        app.MapPost("/api/v1/labels", Handler(IngestionKind.Labels)).RequireScope(ApiScopes.Ingest);
        app.MapPost("/api/v1/usage", Handler(IngestionKind.Usage)).RequireScope(ApiScopes.Ingest);
        app.MapPost("/api/v1/costs", Handler(IngestionKind.Costs)).RequireScope(ApiScopes.Ingest);
        return app;
    }

    private static async Task<IResult> Ingest(HttpContext http, IngestionService service, IngestionMetrics metrics, ILogger log, IngestionKind kind)
    {
        var format = Format(kind, http.Request.ContentType);
        if (format is null)
        {
            metrics.Refused(kind, "rejected");
            return Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "unsupported media type",
                detail: $"{kind.Name()}: Content-Type {http.Request.ContentType} is not accepted; send {Expected(kind)}");
        }
        // The service counts the body's bytes against the kind's limit as it streams in (and refuses a larger
        // Content-Length at once), so Kestrel's own limit (30 MB) must not stop a 64 MiB cost export first.
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            size.MaxRequestBodySize = null;

        var query = http.Request.Query;
        try
        {
            var request = new IngestionRequest
            {
                Kind = kind,
                Body = http.Request.Body,
                Format = format.Value,
                Model = Single(query, "model"),
                Version = Single(query, "version"),
                IdempotencyKey = http.Request.Headers.TryGetValue("Idempotency-Key", out var key) ? key.ToString() : null,
                ReplacePeriod = kind == IngestionKind.Costs && Flag(query, "replace-period"),
                DeclaredLength = http.Request.ContentLength,
            };
            var result = await service.IngestAsync(request, http.RequestAborted);
            metrics.Accepted(kind, result);
            return Results.Json(Response.Of(result));
        }
        catch (BodyTooLargeException ex)
        {
            metrics.Refused(kind, "too_large");
            return Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "request body too large", detail: ex.Message);
        }
        catch (IdempotencyKeyReusedException ex)
        {
            metrics.Refused(kind, "rejected");
            return Results.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "idempotency key reused", detail: ex.Message);
        }
        catch (StewardInputException ex)
        {
            metrics.Refused(kind, "rejected");
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "bad batch", detail: ex.Message, extensions: Where(ex.Message));
        }
        catch (StoreBusyException ex)
        {
            metrics.Refused(kind, "busy");
            http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(ex.RetryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            return Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "store busy", detail: ex.Message);
        }
        catch (StoreUnavailableException ex)
        {
            metrics.Refused(kind, "failed");
            log.LogError("ingestion: the store cannot be opened: {Message}", ex.Message);
            return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "store unavailable", detail: ex.Message);
        }
    }

    /// <summary>The body format from the Content-Type (null: refused, 415). No Content-Type: the endpoint's format (costs: the first bytes decide).</summary>
    private static BodyFormat? Format(IngestionKind kind, string? contentType)
    {
        var media = contentType?.Split(';')[0].Trim().ToLowerInvariant();
        bool Is(string[] types) => media is not null && types.Contains(media);
        return kind switch
        {
            IngestionKind.Inferences or IngestionKind.Labels => media is null || Is(JsonLinesTypes) ? BodyFormat.JsonLines : null,
            IngestionKind.Usage => media is null || Is(CsvTypes) ? BodyFormat.Csv : null,
            _ when media is null || Is(BinaryTypes) => BodyFormat.Sniff,
            _ when Is(CsvTypes) => BodyFormat.Sniff, // a gzip-compressed CSV is still text/csv to many senders
            _ when Is(GzipTypes) => BodyFormat.GzipCsv,
            _ when Is(ParquetTypes) => BodyFormat.Parquet,
            _ => null,
        };
    }

    private static string Expected(IngestionKind kind) => kind switch
    {
        IngestionKind.Inferences or IngestionKind.Labels => "application/x-ndjson (JSON Lines)",
        IngestionKind.Usage => "text/csv",
        _ => "text/csv, application/gzip (gzip CSV), application/vnd.apache.parquet or application/octet-stream",
    };

    private static string? Single(IQueryCollection query, string name)
    {
        if (!query.TryGetValue(name, out var values)) return null;
        if (values.Count > 1) throw new StewardInputException($"the query parameter '{name}' is given {values.Count} times");
        return values.ToString();
    }

    private static bool Flag(IQueryCollection query, string name) => Single(query, name) switch
    {
        null or "false" or "0" => false,
        "" or "true" or "1" => true,
        var other => throw new StewardInputException($"the query parameter '{name}' is '{other}'; expected true or false"),
    };

    /// <summary>The line and field the importer's message names, as problem members for programs.</summary>
    private static Dictionary<string, object?>? Where(string message)
    {
        var found = new Dictionary<string, object?>(StringComparer.Ordinal);
        var line = LineOf().Match(message);
        if (line.Success) found["line"] = long.Parse(line.Groups[1].Value, CultureInfo.InvariantCulture);
        var field = FieldOf().Match(message);
        if (field.Success) found["field"] = field.Groups[1].Success ? field.Groups[1].Value : field.Groups[2].Value;
        return found.Count == 0 ? null : found;
    }

    [GeneratedRegex(@"\bline (\d+)")]
    private static partial Regex LineOf();

    [GeneratedRegex(@"\bcolumn (?:'([^']+)'|([^\s:,;()']+))")]
    private static partial Regex FieldOf();

    /// <summary>The JSON answer: accepted and duplicate always; the other members where they apply.</summary>
    private sealed record Response(
        [property: JsonPropertyName("accepted")] long Accepted,
        [property: JsonPropertyName("duplicate")] bool Duplicate,
        [property: JsonPropertyName("importId"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? ImportId,
        [property: JsonPropertyName("idempotencyKey")] string IdempotencyKey,
        [property: JsonPropertyName("matched"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? Matched,
        [property: JsonPropertyName("unmatched"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? Unmatched,
        [property: JsonPropertyName("billedCost"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<CurrencyAmount>? BilledCost)
    {
        public static Response Of(IngestionResult r) => new(r.Accepted, r.Duplicate, r.ImportId, r.IdempotencyKey, r.Matched, r.Unmatched, r.BilledCost);
    }
}
