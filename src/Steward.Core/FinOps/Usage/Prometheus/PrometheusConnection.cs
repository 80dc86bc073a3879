namespace Steward.Core.FinOps.Usage.Prometheus;

/// <summary>
/// Where and how to reach a Prometheus server's HTTP API: its base URL (the part before
/// <c>/api/v1/...</c>, e.g. <c>http://prometheus.monitoring:9090</c>), an optional file holding a
/// bearer token (never a flag value, so it stays out of process listings), an optional PEM file of
/// CA certificates that its TLS certificate must chain to, and the bounds of one request.
/// </summary>
public sealed record PrometheusConnection(string Url)
{
    /// <summary>The default bound of one response: 64 MiB of JSON is about 2 million points.</summary>
    public const long DefaultMaxResponseBytes = 64L * 1024 * 1024;

    public string? TokenFile { get; init; }

    public string? CaFile { get; init; }

    /// <summary>How long one query may take, connection included.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long establishing the connection may take.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>A larger answer is refused (the import is bounded in memory by it and by the chunk size).</summary>
    public long MaxResponseBytes { get; init; } = DefaultMaxResponseBytes;

    /// <summary>The URL as shown in messages and stored as the import's source: no user name or password, no query, no trailing slash.</summary>
    public string Display
    {
        get
        {
            if (!Uri.TryCreate(Url, UriKind.Absolute, out var uri)) return Url;
            var builder = new UriBuilder(uri) { UserName = "", Password = "", Query = "", Fragment = "" };
            return builder.Uri.GetLeftPart(UriPartial.Path).TrimEnd('/');
        }
    }
}
