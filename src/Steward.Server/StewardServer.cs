using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Prometheus;
using Steward.Core.Application;
using Steward.Server.Dashboard;
using Steward.Server.Endpoints;
using Steward.Server.Hosting;
using Steward.Server.Leadership;
using Steward.Server.Loop;
using Steward.Server.Metrics;
using Steward.Server.Revisions;
using Steward.Server.Security;

namespace Steward.Server;

/// <summary>
/// Builds the <c>steward serve</c> application: Kestrel on <see cref="ServeOptions.Listen"/> (TLS from
/// PEM files reloaded as they rotate, or plain HTTP with a warning), the repository revision it
/// serves and keeps in sync, the metrics registry, and every endpoint group (one file each under
/// Endpoints/). Bad flags and a repository that does not load at start throw a StewardInputException
/// (exit 2 with one line); after the start, failures keep the last good state serving.
/// </summary>
public static class StewardServer
{
    /// <param name="services">More services registered after Steward's own (tests register an IForge or INotifier of their own).</param>
    public static WebApplication Build(ServeOptions options, Action<ILoggingBuilder>? logging = null, Action<IServiceCollection>? services = null)
    {
        var listen = ListenAddress.Parse(options.Listen);
        var tokens = options.TokenFile is { } file ? TokenFile.Load(file) : TokenFile.None;
        if (options.AuthProxyHeader is { } header && (header.Length == 0 || !header.All(c => char.IsAsciiLetterOrDigit(c) || c == '-' || c == '_')))
            throw new Core.StewardInputException($"--auth-proxy-header {header}: expected a header name such as X-Forwarded-User");
        var tls = options.TlsCertificate is not null || options.TlsKey is not null;
        if (tls && (options.TlsCertificate is null || options.TlsKey is null))
            throw new Core.StewardInputException(options.TlsCertificate is null ? "--tls-key needs --tls-cert (the certificate it belongs to)" : "--tls-cert needs --tls-key (the certificate's private key)");

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        if (logging is not null) logging(builder.Logging);
        else builder.Logging.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "yyyy-MM-ddTHH:mm:ssZ "; o.UseUtcTimestamp = true; });
        // The host logs a failed start (a port in use) with its stack trace; `steward serve` reports it in one line instead.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);
        // A line per HTTP request (ASP.NET Core's Information level) would cost more than an admission review
        // and bury Steward's own lines; its warnings and errors still show.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);

        // Kestrel asks for the certificate at each handshake; the reloader is created with the services, below.
        CertificateReloader? certificates = null;
        if (tls) builder.WebHost.UseKestrelHttpsConfiguration();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(listen.Address, listen.Port, endpoint =>
        {
            if (tls)
                endpoint.UseHttps(new HttpsConnectionAdapterOptions { ServerCertificateSelector = (_, _) => certificates!.Current });
        }));

        var revisions = new RevisionHolder();
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(tokens);
        builder.Services.AddSingleton(new ApiAuthenticator(tokens, options.AuthProxyHeader));
        builder.Services.AddSingleton(services => new Dashboard.DashboardData(services.GetRequiredService<StewardApplication>(), options));
        builder.Services.AddHostedService<Dashboard.DashboardWarmer>();
        builder.Services.AddSingleton(revisions);
        var kubernetes = options.LeaderElection ? KubernetesConfiguration.Find(options.Kubeconfig, options.KubeContext) : null;
        builder.Services.AddSingleton<LeadershipMetrics>();
        if (kubernetes is not null)
        {
            // Registered before the loop's hosted service: started first, stopped (the Lease released) last.
            var leaseNamespace = options.LeaseNamespace ?? KubernetesConfiguration.PodNamespace();
            builder.Services.AddSingleton(services => new LeaseLeadership(new k8s.Kubernetes(kubernetes), leaseNamespace, options.LeaseName, options.Identity,
                options.LeaseTimings, services.GetRequiredService<LeadershipMetrics>(), services.GetRequiredService<ILoggerFactory>().CreateLogger("Steward.Leadership")));
            builder.Services.AddSingleton<ILeadership>(services => services.GetRequiredService<LeaseLeadership>());
            builder.Services.AddHostedService(services => services.GetRequiredService<LeaseLeadership>());
        }
        else
        {
            builder.Services.AddSingleton<ILeadership>(new SingleReplica(options.Identity));
        }
        builder.Services.AddSingleton<LoopTrigger>();
        builder.Services.AddIntegrations(options);
        builder.Services.AddSingleton<Core.Application.Loop.LoopMemory>();
        builder.Services.AddSingleton<LoopStatus>();
        builder.Services.AddSingleton<LoopMetrics>();
        builder.Services.AddSingleton<LoopRunner>();
        if (options.CostDrop is { } costDrop) builder.Services.AddSingleton(new Core.Application.Loop.CostDropFolderStep(costDrop));
        builder.Services.AddHostedService<LoopService>();
        builder.Services.AddSingleton<ServerMetrics>();
        builder.Services.AddSingleton<SyncMetrics>();
        builder.Services.AddSingleton<RepositoryMetrics>();
        builder.Services.AddSingleton<StoreMetrics>();
        builder.Services.AddSingleton<AdmissionMetrics>();
        builder.Services.AddSingleton<IngestionMetrics>();
        builder.Services.AddSingleton<OtlpMetrics>();
        builder.Services.AddSingleton(services => new RevisionLoader(services.GetRequiredService<StewardApplication>().Check, options.Clock));
        builder.Services.AddSingleton(services => new StewardApplication(new ApplicationOptions { Clock = options.Clock }));
        builder.Services.AddSingleton(services => new RepositorySync(options.Repository, options.Store,
            services.GetRequiredService<RevisionLoader>(), revisions, services.GetRequiredService<SyncMetrics>(),
            services.GetRequiredService<ILoggerFactory>().CreateLogger("Steward.Sync"), options.Clock));
        builder.Services.AddHostedService(services => new RepositorySyncService(services.GetRequiredService<RepositorySync>(), options.SyncInterval,
            services.GetRequiredService<ILogger<RepositorySyncService>>()));
        if (tls)
        {
            builder.Services.AddSingleton(services => new CertificateReloader(options.TlsCertificate!, options.TlsKey!, options.TlsPollInterval,
                services.GetRequiredService<ILoggerFactory>().CreateLogger("Steward.Tls"), services.GetRequiredService<ServerMetrics>()));
            builder.Services.AddHostedService(services => services.GetRequiredService<CertificateReloader>());
        }

        services?.Invoke(builder.Services);
        var app = builder.Build();
        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Steward.Server");
        try
        {
            // Loaded now, before the first request: a bad certificate or repository stops the start (exit 2).
            if (tls)
            {
                certificates = app.Services.GetRequiredService<CertificateReloader>();
                var first = certificates.Current;
                if (log.IsEnabled(LogLevel.Information))
                    log.LogInformation("TLS certificate {Subject}, thumbprint {Thumbprint}, valid until {NotAfter:O}", first.Subject, first.Thumbprint, first.NotAfter.ToUniversalTime());
            }
            else
            {
                log.LogWarning("No --tls-cert/--tls-key: serving plain HTTP. The Kubernetes API server calls admission webhooks over HTTPS only; use plain HTTP behind a TLS-terminating proxy or for local tests.");
            }
            if (options.LeaderElection && kubernetes is null)
                log.LogWarning("Leader election is on but no Kubernetes configuration was found (in-cluster, --kubeconfig, $KUBECONFIG or ~/.kube/config): this replica runs the control loop as the only one. Run a single replica, and pass --no-leader-election to say so.");
            if (tokens.Count == 0 && options.AuthProxyHeader is null)
                log.LogWarning("No --token-file: the dashboard and the read API are open to anyone who can reach {Listen}; ingestion and administration are refused.", options.Listen);
            else if (tokens.Count == 0)
                log.LogWarning("No --token-file: reading needs the {Header} header of the authenticating proxy; ingestion and administration are refused.", options.AuthProxyHeader);
            // A shared store is reached at start: an address that cannot be reached or a refused password
            // is one line and exit 2 now, rather than a failure of every write later. (A DuckDB file is
            // opened per use: another process may hold it now and let go of it later.)
            if (Core.Storage.StoreAddress.IsPostgres(options.Store))
                using (Core.Storage.Stores.Open(options.Store, Core.GitOps.Audit.AuditSchema.Module, Core.Application.Ingestion.IngestionSchema.Module)) { }
            app.Services.GetRequiredService<RepositorySync>().LoadInitial();
            // Collectors that compute their values at scrape time register themselves when first built.
            app.Services.GetRequiredService<RepositoryMetrics>();
            app.Services.GetRequiredService<StoreMetrics>();
            app.Services.GetRequiredService<LeadershipMetrics>().Observe(app.Services.GetRequiredService<ILeadership>());
        }
        catch
        {
            // Nothing started yet; the services built so far (watchers, the store) are let go.
            ((IDisposable)app).Dispose();
            throw;
        }

        var metrics = app.Services.GetRequiredService<ServerMetrics>();
        app.UseRouting();
        app.UseHttpMetrics(o => o.SetMetricFactory(metrics.Factory));

        app.MapHealth();
        app.MapMetricsEndpoint();
        app.MapFindings();
        app.MapCosts();
        app.MapAdmission();
        app.MapIngestion();
        app.MapGitHook();
        app.MapOtlp();
        app.MapLoop();
        app.MapCanary();
        app.MapImportance();
        app.MapDashboard();
        return app;
    }

    /// <summary>The addresses Kestrel actually listens on (the port chosen when --listen gave port 0).</summary>
    public static IReadOnlyList<string> Addresses(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.ToList() ?? [];
}
