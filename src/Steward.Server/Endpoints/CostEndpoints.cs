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
/// </summary>
public static partial class CostEndpoints
{
    /// <summary>The query parameters: the <c>cost report</c> flags of the same names.</summary>
    private static readonly IReadOnlySet<string> Parameters = new HashSet<string>(StringComparer.Ordinal) { "group-by", "metric", "from", "to", "currency" };

    public static IEndpointRouteBuilder MapCosts(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/costs/report", (HttpRequest request, ServeOptions options, RevisionHolder revisions, StewardApplication application) =>
            Report(request.Query, options, revisions, application)).RequireScope(ApiScopes.Read);
        return app;
    }

    private static IResult Report(IQueryCollection query, ServeOptions options, RevisionHolder revisions, StewardApplication application)
    {
        foreach (var (name, values) in query)
        {
            if (!Parameters.Contains(name))
                return BadParameter(name, $"unknown query parameter {name}; expected {string.Join(", ", Parameters.Order(StringComparer.Ordinal))}");
            if (values.Count != 1)
                return BadParameter(name, $"{name}: give it once");
        }
        if (string.IsNullOrWhiteSpace(query["group-by"]))
            return BadParameter("group-by", "group-by: required, e.g. group-by=ServiceName or group-by=team");
        // A missing store is a state of the server (nothing imported yet), not a bad request.
        if (!Core.Storage.StoreAddress.IsPostgres(options.Store) && !File.Exists(Path.GetFullPath(options.Store)))
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "no cost data",
                detail: "the server's store holds no costs yet: import a FOCUS export (steward cost import --store on the server's --store, or POST /api/v1/costs)");

        var request = new CostReportRequest(options.Store, query["group-by"])
        {
            Metric = query.TryGetValue("metric", out var metric) ? metric.ToString() : Core.FinOps.Reports.CostReport.DefaultMetric,
            From = query["from"],
            To = query["to"],
            Currency = query.TryGetValue("currency", out var currency) ? currency.ToString() : null,
            Repository = revisions.Current?.Repository,
        };
        try
        {
            return Results.Text(CostReportJson.Write(application.CostReport.Run(request)) + "\n", "application/json; charset=utf-8");
        }
        catch (StewardInputException e)
        {
            // The service names the CLI's flags (--group-by: ...); here they are query parameters.
            var detail = Flag().Replace(e.Message, m => m.Groups[1].Value);
            var named = Flag().Matches(e.Message).Select(m => m.Groups[1].Value).FirstOrDefault(Parameters.Contains);
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
