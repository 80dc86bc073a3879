using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Steward.Core;
using Steward.Core.Application;
using Steward.Core.Application.Costs;
using Steward.Core.Reporting.Costs;
using Steward.Server.Revisions;
using Steward.Server.Security;

namespace Steward.Server.Endpoints;

/// <summary>
/// <c>GET /api/v1/costs/report?group-by=DIM[,DIM]&amp;metric=&amp;from=&amp;to=&amp;currency=</c>: the JSON of
/// <c>steward cost report --format json</c>, byte for byte, over the server's store, with the served
/// revision's steward.yaml and workloads for allocation dimensions (team, model, ...). Scope <c>read</c>.
/// <c>GET /api/v1/costs/tokens?from=&amp;to=&amp;metric=</c>: the JSON of <c>steward cost tokens --format json</c>
/// for the served revision, byte for byte (cost per 1M tokens, GPU-hours per 1,000 requests, cost-per-token findings).
/// </summary>
public static partial class CostEndpoints
{
    /// <summary>The query parameters: the <c>cost report</c> flags of the same names.</summary>
    private static readonly IReadOnlySet<string> Parameters = new HashSet<string>(StringComparer.Ordinal) { "group-by", "metric", "from", "to", "currency" };

    /// <summary>The query parameters of the token report: the <c>cost tokens</c> flags of the same names.</summary>
    private static readonly IReadOnlySet<string> TokenParameters = new HashSet<string>(StringComparer.Ordinal) { "metric", "from", "to" };

    public static IEndpointRouteBuilder MapCosts(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/costs/report", (HttpRequest request, ServeOptions options, RevisionHolder revisions, StewardApplication application) =>
            Report(request.Query, options, revisions, application)).RequireScope(ApiScopes.Read);
        app.MapGet("/api/v1/costs/tokens", (HttpRequest request, ServeOptions options, RevisionHolder revisions, StewardApplication application) =>
            Tokens(request.Query, options, revisions, application)).RequireScope(ApiScopes.Read);
        return app;
    }

    private static IResult Report(IQueryCollection query, ServeOptions options, RevisionHolder revisions, StewardApplication application)
    {
        if (Refused(query, Parameters) is { } refused) return refused;
        if (string.IsNullOrWhiteSpace(query["group-by"]))
            return BadParameter("group-by", "group-by: required, e.g. group-by=ServiceName or group-by=team");
        if (NoStore(options) is { } missing) return missing;

        var request = new CostReportRequest(options.Store, query["group-by"])
        {
            Metric = query.TryGetValue("metric", out var metric) ? metric.ToString() : Core.FinOps.Reports.CostReport.DefaultMetric,
            From = query["from"],
            To = query["to"],
            Currency = query.TryGetValue("currency", out var currency) ? currency.ToString() : null,
            Repository = revisions.Current?.Repository,
        };
        return Answer(() => CostReportJson.Write(application.CostReport.Run(request)), Parameters);
    }

    private static IResult Tokens(IQueryCollection query, ServeOptions options, RevisionHolder revisions, StewardApplication application)
    {
        if ((Refused(query, TokenParameters) ?? NoStore(options)) is { } refused) return refused;
        // Token economics judge the served revision's catalog (declared prices, families, workloads' labels).
        if (revisions.Current is not { } revision)
            return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "not ready", detail: "no revision of the repository is loaded yet");
        var request = new TokenCostRequest(options.Store, revision.Repository)
        {
            Metric = query.TryGetValue("metric", out var metric) ? metric.ToString() : Core.FinOps.Reports.CostReport.DefaultMetric,
            From = query["from"],
            To = query["to"],
        };
        return Answer(() => TokenCostJson.Write(application.TokenCosts.Run(request)), TokenParameters);
    }

    /// <summary>An unknown or repeated query parameter (400); null when the query names only <paramref name="parameters"/>, once each.</summary>
    private static IResult? Refused(IQueryCollection query, IReadOnlySet<string> parameters)
    {
        foreach (var (name, values) in query)
        {
            if (!parameters.Contains(name))
                return BadParameter(name, $"unknown query parameter {name}; expected {string.Join(", ", parameters.Order(StringComparer.Ordinal))}");
            if (values.Count != 1)
                return BadParameter(name, $"{name}: give it once");
        }
        return null;
    }

    /// <summary>No store yet (404): a state of the server, not a bad request; null when the store is there.</summary>
    private static IResult? NoStore(ServeOptions options)
    {
        // A missing store is a state of the server (nothing imported yet), not a bad request.
        if (!Core.Storage.StoreAddress.IsPostgres(options.Store) && !File.Exists(Path.GetFullPath(options.Store)))
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "no cost data",
                detail: "the server's store holds no costs yet: import a FOCUS export (steward cost import --store on the server's --store, or POST /api/v1/costs)");
        return null;
    }

    /// <summary>The report's JSON, or the service's refusal as a problem naming the query parameter it is about.</summary>
    private static IResult Answer(Func<string> json, IReadOnlySet<string> parameters)
    {
        try
        {
            return Results.Text(json() + "\n", "application/json; charset=utf-8");
        }
        catch (StewardInputException e)
        {
            // The service names the CLI's flags (--group-by: ...); here they are query parameters.
            var detail = Flag().Replace(e.Message, m => m.Groups[1].Value);
            var named = Flag().Matches(e.Message).Select(m => m.Groups[1].Value).FirstOrDefault(parameters.Contains);
            return named is not null
                ? BadParameter(named, detail)
                : Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "the store cannot be read", detail: detail);
        }
    }

    private static IResult BadParameter(string name, string detail) =>
        Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: $"bad query parameter {name}", detail: detail,
            extensions: new Dictionary<string, object?> { ["parameter"] = name });

    [GeneratedRegex("--([a-z][a-z-]*)")]
    private static partial Regex Flag();
}
