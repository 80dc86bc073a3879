using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Steward.Core;
using Steward.Core.Application;
using Steward.Core.Application.Canary;
using Steward.Core.Reporting.Canary;
using Steward.Server.Security;

namespace Steward.Server.Endpoints;

/// <summary>
/// <c>POST /api/v1/canary/judge</c> (scope read: it computes, it stores nothing): the body is JSON
/// <c>{"baseline": CSV, "canary": CSV, "config": YAML or a JSON object}</c>, the answer the JSON of
/// <c>steward canary judge --format json</c>, 200 whatever the verdict (an Argo Rollouts web metric
/// reads <c>verdict</c>); 400 naming the field and line of bad input, 413 over <see cref="MaxBodyBytes"/>.
/// </summary>
public static class CanaryEndpoints
{
    public const string Path = "/api/v1/canary/judge";

    /// <summary>The largest request body: two sample files and a config.</summary>
    public const long MaxBodyBytes = 32L * 1024 * 1024;

    private static readonly JsonDocumentOptions BodyOptions = new() { MaxDepth = 64 };

    public static IEndpointRouteBuilder MapCanary(this IEndpointRouteBuilder app)
    {
        app.MapPost(Path, (Func<HttpContext, StewardApplication, Task<IResult>>)Judge).RequireScope(ApiScopes.Read);
        return app;
    }

    private static async Task<IResult> Judge(HttpContext http, StewardApplication application)
    {
        var body = await BoundedRequestBody.ReadAsync(http, MaxBodyBytes);
        if (body is null)
            return Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "request too large",
                detail: $"the body is over the limit of {ParseLimits.Bytes(MaxBodyBytes)}");
        try
        {
            var (baseline, canary, config) = Inputs(body);
            var judgement = application.Canary.Judge(baseline, canary, config);
            return Results.Text(CanaryJson.Write(judgement) + "\n", "application/json; charset=utf-8");
        }
        catch (StewardInputException e)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "bad canary request", detail: e.Message);
        }
    }

    /// <summary>The three inputs of the body, each named by its field in messages.</summary>
    private static (CanaryInput Baseline, CanaryInput Canary, CanaryInput Config) Inputs(byte[] body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, BodyOptions);
        }
        catch (JsonException e)
        {
            throw new StewardInputException($"body: invalid JSON: {e.Message}", e);
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw new StewardInputException("body: expected a JSON object with baseline, canary and config");
            foreach (var property in root.EnumerateObject())
                if (property.Name is not ("baseline" or "canary" or "config"))
                    throw new StewardInputException($"body: {property.Name}: unknown field; expected baseline, canary, config");
            return (Text(root, "baseline", allowObject: false), Text(root, "canary", allowObject: false), Text(root, "config", allowObject: true));
        }
    }

    private static CanaryInput Text(JsonElement root, string field, bool allowObject)
    {
        if (!root.TryGetProperty(field, out var value))
            throw new StewardInputException($"body: {field}: required field is missing");
        // A JSON object is YAML too: the config reader reads it as it reads a file.
        if (allowObject && value.ValueKind == JsonValueKind.Object)
            return new CanaryInput(field, value.GetRawText());
        if (value.ValueKind != JsonValueKind.String)
            throw new StewardInputException($"body: {field}: expected {(allowObject ? "a YAML text or a JSON object" : "the CSV text (metric,value)")}");
        return new CanaryInput(field, value.GetString()!);
    }
}
