namespace Steward.Server;

/// <summary>What <c>steward serve</c> was started with (the command's flags, parsed and checked).</summary>
public sealed record ServeOptions
{
    /// <summary>The governance repository: a folder, or a Git remote URL the server keeps fetching.</summary>
    public required string Repository { get; init; }

    /// <summary>Address and port to listen on (<c>--listen</c>, default 0.0.0.0:8443); port 0 picks a free one.</summary>
    public string Listen { get; init; } = "0.0.0.0:8443";

    /// <summary>PEM certificate and key (<c>--tls-cert</c>, <c>--tls-key</c>); both null: plain HTTP with a warning.</summary>
    public string? TlsCertificate { get; init; }

    public string? TlsKey { get; init; }

    /// <summary>The Steward store (<c>--store</c>): a DuckDB file path (or, later, a URL).</summary>
    public string Store { get; init; } = ".steward/steward.duckdb";

    /// <summary>The bearer tokens of the API (<c>--token-file</c>); null: the API refuses every request.</summary>
    public string? TokenFile { get; init; }

    /// <summary>How often the repository is re-read or fetched (<c>--sync-interval</c>).</summary>
    public TimeSpan SyncInterval { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How often the TLS files are polled for a new pair besides the folder watcher (not a flag).</summary>
    public TimeSpan TlsPollInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The clock of revision times, sync timestamps and the budget month (not a flag; tests set their own).</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;
}
