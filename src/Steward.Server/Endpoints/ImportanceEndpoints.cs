using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Steward.Core;
using Steward.Core.Alignment.Explainability;
using Steward.Core.Application;
using Steward.Core.Application.Explainability;
using Steward.Core.Reporting.Alignment;
using Steward.Server.Security;

namespace Steward.Server.Endpoints;

/// <summary>
/// <c>POST /api/v1/analyze/importance</c> (scope read: it computes, it stores nothing): the body is JSON
/// <c>{"reference": CSV, "current": CSV, "score", "label", "features"?, "categorical"?, "loss"?, "repeats"?,
/// "seed"?, "maxRows"?, "minRankCorrelation"?, "maxL1"?}</c>, the samples inline as <c>POST /api/v1/canary/judge</c>
/// takes its samples and the other fields as <c>steward analyze importance</c> takes its flags; the answer is
/// the JSON of <c>steward analyze importance --format json</c> on the same data, the windows named
/// <c>reference</c> and <c>current</c>, 200 whether or not a threshold is breached (the JSON's <c>breached</c>);
/// 400 naming the field (and row and column) of bad input, 413 over <see cref="MaxBodyBytes"/>.
/// </summary>
public static class ImportanceEndpoints
{
    public const string Path = "/api/v1/analyze/importance";

    /// <summary>The largest request body: two CSV samples (the analysis samples at most --max-rows rows of each).</summary>
    public const long MaxBodyBytes = 32L * 1024 * 1024;

    private static readonly JsonDocumentOptions BodyOptions = new() { MaxDepth = 8 };

    private static readonly string[] Fields =
        ["reference", "current", "score", "label", "features", "categorical", "loss", "repeats", "seed", "maxRows", "minRankCorrelation", "maxL1"];

    public static IEndpointRouteBuilder MapImportance(this IEndpointRouteBuilder app)
    {
        app.MapPost(Path, (HttpContext http, StewardApplication application) => Analyze(http, application)).RequireScope(ApiScopes.Read);
        return app;
    }

    private static async Task<IResult> Analyze(HttpContext http, StewardApplication application)
    {
        var body = await BoundedRequestBody.ReadAsync(http, MaxBodyBytes);
        if (body is null)
            return Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "request too large",
                detail: $"the body is over the limit of {ParseLimits.Bytes(MaxBodyBytes)}");
        try
        {
            var outcome = Analyze(body, application);
            return Results.Text(ImportanceJson.Write(outcome) + "\n", "application/json; charset=utf-8");
        }
        catch (StewardInputException e)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "bad importance request", detail: e.Message);
        }
    }

    private static ImportanceOutcome Analyze(byte[] body, StewardApplication application)
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
                throw new StewardInputException("body: expected a JSON object with reference, current, score and label");
            foreach (var property in root.EnumerateObject())
                if (!Fields.Contains(property.Name))
                    throw new StewardInputException($"body: {property.Name}: unknown field; expected {string.Join(", ", Fields)}");
            var source = new ImportanceSource.Inline(
                new InlineTable("reference", String(root, "reference")!), new InlineTable("current", String(root, "current")!));
            var options = new ImportanceOptions
            {
                Score = String(root, "score")!,
                Label = String(root, "label")!,
                Features = Names(root, "features"),
                Categorical = Names(root, "categorical") ?? [],
                Loss = String(root, "loss", required: false) is { } loss ? Loss(loss) : null,
                Repeats = Integer(root, "repeats") ?? ImportanceOptions.DefaultRepeats,
                Seed = Integer(root, "seed") ?? ImportanceOptions.DefaultSeed,
                MaxRows = Integer(root, "maxRows") ?? ImportanceOptions.DefaultMaxRows,
            };
            var thresholds = new AttributionThresholds(Number(root, "minRankCorrelation", -1, 1), Number(root, "maxL1", 0, 1));
            return application.Importance.Analyze(source, options, thresholds);
        }
    }

    /// <summary>A string field; null when optional and absent.</summary>
    private static string? String(JsonElement root, string field, bool required = true)
    {
        if (!root.TryGetProperty(field, out var value))
            return required ? throw new StewardInputException($"body: {field}: required field is missing") : null;
        if (value.ValueKind != JsonValueKind.String)
            throw new StewardInputException($"body: {field}: expected a string");
        return value.GetString();
    }

    /// <summary>An array of column names (the CLI's comma-separated list); null when absent.</summary>
    private static List<string>? Names(JsonElement root, string field)
    {
        if (!root.TryGetProperty(field, out var value)) return null;
        if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
            throw new StewardInputException($"body: {field}: expected an array of column names");
        return [.. value.EnumerateArray().Select(e => e.GetString()!)];
    }

    private static int? Integer(JsonElement root, string field)
    {
        if (!root.TryGetProperty(field, out var value)) return null;
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var number))
            throw new StewardInputException($"body: {field}: expected a whole number");
        return number;
    }

    /// <summary>A number field between <paramref name="min"/> and <paramref name="max"/>; null when absent.</summary>
    private static double? Number(JsonElement root, string field, double min, double max)
    {
        if (!root.TryGetProperty(field, out var value)) return null;
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var number) || number < min || number > max)
            throw new StewardInputException(string.Create(CultureInfo.InvariantCulture, $"body: {field}: expected a number between {min} and {max}"));
        return number;
    }

    private static ImportanceLoss Loss(string name) =>
        name is ImportanceLosses.LogLossName or ImportanceLosses.SquaredErrorName
            ? ImportanceLosses.Parse(name)
            : throw new StewardInputException($"body: loss: '{name}' is not {ImportanceLosses.LogLossName} or {ImportanceLosses.SquaredErrorName}");
}
