using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Steward.Core;
using Steward.Core.Application;
using Microsoft.Extensions.DependencyInjection;
using Steward.Core.Alignment.Canary;
using Steward.Core.Application.Canary;
using Steward.Core.Reporting.Canary;
using Steward.Server.Security;

namespace Steward.Server.Endpoints;

/// <summary>
/// <c>POST /api/v1/canary/judge</c> (scope read: it computes, it stores nothing): the body is JSON
/// <c>{"baseline": CSV, "canary": CSV, "config": YAML or a JSON object}</c>, or, to derive the samples from
/// the server's inference log, <c>{"model", "baselineVersion", "canaryVersion", "since", "until"?, "interval"?,
/// column fields?, "config"}</c> as <c>steward canary judge --model</c> takes them; the answer the JSON of
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
        var store = app.ServiceProvider.GetRequiredService<ServeOptions>().Store;
        app.MapPost(Path, (HttpContext http, StewardApplication application) => Judge(http, application, store)).RequireScope(ApiScopes.Read);
        return app;
    }

    /// <summary>The fields of a request that derives the samples from the inference log, and the option each stands for.</summary>
    private static readonly string[] LogFields =
        ["model", "baselineVersion", "canaryVersion", "since", "until", "interval", "latencyColumn", "errorColumn", "costColumn",
         "driftColumn", "protectedAttribute", "predictionColumn", "positiveLabel"];

    private static async Task<IResult> Judge(HttpContext http, StewardApplication application, string store)
    {
        var body = await BoundedRequestBody.ReadAsync(http, MaxBodyBytes);
        if (body is null)
            return Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "request too large",
                detail: $"the body is over the limit of {ParseLimits.Bytes(MaxBodyBytes)}");
        try
        {
            var judgement = Judge(body, application, store);
            return Results.Text(CanaryJson.Write(judgement) + "\n", "application/json; charset=utf-8");
        }
        catch (StewardInputException e)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "bad canary request", detail: e.Message);
        }
    }

    /// <summary>The judgement the body asks for: of its sample files, or of the store's inference log when it names a model.</summary>
    private static CanaryJudgement Judge(byte[] body, StewardApplication application, string store)
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
                throw new StewardInputException("body: expected a JSON object with baseline, canary and config (or model, baselineVersion, canaryVersion, since and config)");
            if (root.TryGetProperty("model", out _))
                return JudgeLog(root, application, store);
            foreach (var property in root.EnumerateObject())
                if (property.Name is not ("baseline" or "canary" or "config"))
                    throw new StewardInputException($"body: {property.Name}: unknown field; expected baseline, canary, config (or model and the fields of the inference log)");
            return application.Canary.Judge(Text(root, "baseline", allowObject: false), Text(root, "canary", allowObject: false), Text(root, "config", allowObject: true));
        }
    }

    private static CanaryJudgement JudgeLog(JsonElement root, StewardApplication application, string store)
    {
        foreach (var property in root.EnumerateObject())
            if (property.Name != "config" && !LogFields.Contains(property.Name))
                throw new StewardInputException($"body: {property.Name}: unknown field; expected config, {string.Join(", ", LogFields)}");
        var defaults = new CanaryLogColumns();
        return application.Canary.Judge(new CanaryStoreRequest(store, Field(root, "model")!, Field(root, "baselineVersion")!,
            Field(root, "canaryVersion")!, Field(root, "since")!, Text(root, "config", allowObject: true))
        {
            Until = Field(root, "until", required: false),
            Interval = Field(root, "interval", required: false) ?? "1m",
            Columns = new CanaryLogColumns
            {
                Latency = Field(root, "latencyColumn", required: false) ?? defaults.Latency,
                Error = Field(root, "errorColumn", required: false) ?? defaults.Error,
                Cost = Field(root, "costColumn", required: false) ?? defaults.Cost,
                Drift = Field(root, "driftColumn", required: false),
                ProtectedAttribute = Field(root, "protectedAttribute", required: false),
                Prediction = Field(root, "predictionColumn", required: false),
                PositiveLabel = Field(root, "positiveLabel", required: false) ?? defaults.PositiveLabel,
            },
        });
    }

    /// <summary>A string field of the body; null when optional and absent.</summary>
    private static string? Field(JsonElement root, string field, bool required = true)
    {
        if (!root.TryGetProperty(field, out var value))
            return required ? throw new StewardInputException($"body: {field}: required field is missing") : null;
        if (value.ValueKind != JsonValueKind.String)
            throw new StewardInputException($"body: {field}: expected a string");
        return value.GetString();
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
