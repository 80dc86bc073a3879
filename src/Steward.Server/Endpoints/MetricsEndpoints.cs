using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Prometheus;
using Steward.Server.Metrics;

namespace Steward.Server.Endpoints;

/// <summary>GET /metrics: the server's own registry (<see cref="ServerMetrics"/>) in Prometheus text format, without a token, as Prometheus scrapes it.</summary>
public static class MetricsEndpoints
{
    public static IEndpointRouteBuilder MapMetricsEndpoint(this IEndpointRouteBuilder app)
    {
        var metrics = app.ServiceProvider.GetRequiredService<ServerMetrics>();
        app.MapMetrics("/metrics", metrics.Registry);
        return app;
    }
}
