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

    /// <summary>
    /// The Steward store (<c>--store</c> or <c>STEWARD_STORE</c>): a DuckDB file path (one replica), or
    /// <c>postgresql://user@host:port/database</c>, which several replicas share (password from PGPASSWORD or a password file).
    /// </summary>
    public string Store { get; init; } = ".steward/steward.duckdb";

    /// <summary>The bearer tokens of the API and the dashboard (<c>--token-file</c>); null: reading is open, ingestion refused.</summary>
    public string? TokenFile { get; init; }

    /// <summary>
    /// A header naming the user an authenticating proxy (oauth2-proxy) signed in (<c>--auth-proxy-header</c>,
    /// e.g. X-Forwarded-User): such requests may read. Null: no header is trusted.
    /// </summary>
    public string? AuthProxyHeader { get; init; }

    /// <summary>How often the repository is re-read or fetched (<c>--sync-interval</c>).</summary>
    public TimeSpan SyncInterval { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How often the TLS files are polled for a new pair besides the folder watcher (not a flag).</summary>
    public TimeSpan TlsPollInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How often the control loop runs (<c>--interval</c>, default 5 min, with jitter); a Git push hook runs it at once.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The shared secret of <c>POST /api/v1/hooks/git</c> (<c>--hook-secret-file</c>); null: the hook is refused.</summary>
    public string? HookSecretFile { get; init; }

    /// <summary>
    /// A drop folder of cloud cost exports (<c>--cost-drop DIR</c>) that each loop run scans and imports
    /// from (Core's <c>CostDropFolderStep</c>); null: no such step.
    /// </summary>
    public string? CostDrop { get; init; }

    /// <summary>Diff live state and audit live objects each loop run (<c>--cluster</c>), from the kubeconfig or in-cluster.</summary>
    public bool Cluster { get; init; }

    /// <summary><c>--kubeconfig</c> (default $KUBECONFIG or ~/.kube/config, else in-cluster) and <c>--context</c>.</summary>
    public string? Kubeconfig { get; init; }

    public string? KubeContext { get; init; }

    /// <summary>The forge that remediation requests are opened on (<c>--forge github|gitlab</c>); null: branches are only pushed.</summary>
    public string? Forge { get; init; }

    /// <summary>The forge's API base URL (<c>--forge-url</c>; default https://api.github.com or https://gitlab.com/api/v4).</summary>
    public string? ForgeUrl { get; init; }

    /// <summary>The repository on the forge (<c>--forge-repo</c>: owner/name on GitHub, the project path or id on GitLab).</summary>
    public string? ForgeRepository { get; init; }

    /// <summary>The file holding the forge's API token (<c>--forge-token-file</c>; never a flag value).</summary>
    public string? ForgeTokenFile { get; init; }

    /// <summary>The Git remote the loop pushes remediation branches to (not a flag): the clone's origin for a Git URL; a folder without it only commits.</summary>
    public string PushRemote { get; init; } = "origin";

    /// <summary>Webhooks the loop notifies (<c>--notify-url</c>, repeatable): Slack-compatible JSON.</summary>
    public IReadOnlyList<string> NotifyUrls { get; init; } = [];

    /// <summary>The HMAC secret that signs notifications (<c>--notify-secret-file</c>); null: unsigned.</summary>
    public string? NotifySecretFile { get; init; }

    /// <summary>
    /// Elect one leader among replicas on a Kubernetes Lease (off with <c>--no-leader-election</c>). The
    /// command turns it on unless that flag is given; false by default here, so that a server built
    /// in-process (tests) never elects on the cluster of a developer's ~/.kube/config.
    /// </summary>
    public bool LeaderElection { get; init; }

    /// <summary>Lease duration, renew deadline and retry period (not flags: controller-runtime's 15 s / 10 s / 2 s; tests shorten them).</summary>
    public Leadership.LeaseTimings LeaseTimings { get; init; } = Leadership.LeaseTimings.Default;

    /// <summary>The Lease (<c>--lease-name</c>, <c>--lease-namespace</c>; the namespace defaults to the pod's).</summary>
    public string LeaseName { get; init; } = "steward-leader";

    public string? LeaseNamespace { get; init; }

    /// <summary>This replica's identity in the Lease (default: $POD_NAME, else the host name).</summary>
    public string Identity { get; init; } = Environment.GetEnvironmentVariable("POD_NAME") is { Length: > 0 } pod ? pod : Environment.MachineName;

    /// <summary>
    /// Prometheus to import container usage from each loop run (<c>--prometheus</c>, with
    /// <c>--prometheus-token-file</c>, <c>--prometheus-ca-file</c>, <c>--prometheus-step</c>); null: no Prometheus source.
    /// </summary>
    public string? PrometheusUrl { get; init; }

    public string? PrometheusTokenFile { get; init; }

    public string? PrometheusCaFile { get; init; }

    /// <summary>The window of one usage row (<c>--prometheus-step</c>, default 5m).</summary>
    public TimeSpan PrometheusStep { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The clock of revision times, sync timestamps and the budget month (not a flag; tests set their own).</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;
}
