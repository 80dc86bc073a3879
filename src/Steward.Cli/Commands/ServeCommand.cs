using System.CommandLine;
using Steward.Core;
using Steward.Core.Governance.Kinds;
using Microsoft.Extensions.Hosting;
using Steward.Server;

namespace Steward.Cli.Commands;

/// <summary><c>steward serve [REPO]</c>: the control plane (admission webhook, API, metrics) over a governance repository.</summary>
public static class ServeCommand
{
    public static Command Create()
    {
        var command = new Command("serve", "Serve the admission webhook, the ingestion and findings API, health and Prometheus metrics for a governance repository.");
        var repo = new Argument<string>("repo")
        {
            Description = "The governance repository: a folder (re-read when it changes) or a Git remote URL (fetched every --sync-interval).",
            Arity = ArgumentArity.ZeroOrOne,
            DefaultValueFactory = _ => ".",
        };
        var listen = new Option<string>("--listen") { Description = "Address and port to listen on.", HelpName = "ADDR:PORT", DefaultValueFactory = _ => "0.0.0.0:8443" };
        var tlsCert = new Option<string?>("--tls-cert") { Description = "TLS certificate (PEM); reloaded when the file changes, as cert-manager rotates it.", HelpName = "FILE" };
        var tlsKey = new Option<string?>("--tls-key") { Description = "TLS private key (PEM) of --tls-cert.", HelpName = "FILE" };
        var store = CommonOptions.Store();
        var tokenFile = new Option<string?>("--token-file") { Description = "API bearer tokens: a YAML list of {name, sha256, scopes} (scopes: ingest, read, admin). Without it the dashboard and the read API are open and ingestion is refused.", HelpName = "FILE" };
        var authProxyHeader = new Option<string?>("--auth-proxy-header") { Description = "Trust this header (e.g. X-Forwarded-User) as the user an authenticating proxy such as oauth2-proxy signed in: such requests may read. Only when Steward is reachable through that proxy alone.", HelpName = "HEADER" };
        var syncInterval = new Option<string>("--sync-interval") { Description = "How often the repository is re-read or fetched (e.g. 2s, 5m).", HelpName = "DURATION", DefaultValueFactory = _ => "60s" };
        var loopInterval = new Option<string>("--interval") { Description = "How often the control loop runs (sync, check, monitors, budgets, live diff, remediation); jittered by up to 10%.", HelpName = "DURATION", DefaultValueFactory = _ => "5m" };
        var hookSecret = new Option<string?>("--hook-secret-file") { Description = "Shared secret of the Git push webhook POST /api/v1/hooks/git (GitHub's X-Hub-Signature-256 or GitLab's X-Gitlab-Token). Without it the hook is refused.", HelpName = "FILE" };
        var costDrop = new Option<string?>("--cost-drop") { Description = "A drop folder of cloud cost exports (FOCUS CSV, gzip, Parquet, with AWS/Azure manifests) that each loop run imports from, replacing restated billing periods.", HelpName = "DIR" };
        var cluster = new Option<bool>("--cluster") { Description = "Each loop run, diff live state against Git and audit live objects against the policies." };
        var kubeconfig = new Option<string?>("--kubeconfig") { Description = "Kubeconfig file (default: $KUBECONFIG or ~/.kube/config, else in-cluster).", HelpName = "FILE" };
        var context = new Option<string?>("--context") { Description = "Kubeconfig context.", HelpName = "NAME" };
        var forge = new Option<string?>("--forge") { Description = "Open a pull/merge request for each remediation branch on this forge.", HelpName = "github|gitlab" };
        var forgeUrl = new Option<string?>("--forge-url") { Description = "The forge's API base URL (default https://api.github.com, https://gitlab.com/api/v4).", HelpName = "URL" };
        var forgeRepo = new Option<string?>("--forge-repo") { Description = "The repository on the forge: owner/name (GitHub) or the project path or id (GitLab).", HelpName = "REPO" };
        var forgeToken = new Option<string?>("--forge-token-file") { Description = "File holding the forge API token.", HelpName = "FILE" };
        var notifyUrl = new Option<string[]>("--notify-url") { Description = "Webhook notified of findings and remediations (Slack-compatible JSON); repeatable.", HelpName = "URL", AllowMultipleArgumentsPerToken = false };
        var notifySecret = new Option<string?>("--notify-secret-file") { Description = "HMAC-SHA256 secret that signs notifications (X-Steward-Signature-256).", HelpName = "FILE" };
        var noLeaderElection = new Option<bool>("--no-leader-election") { Description = "Run the loop without electing a leader on a Kubernetes Lease (a single replica)." };
        var leaseName = new Option<string>("--lease-name") { Description = "The Lease used for leader election.", HelpName = "NAME", DefaultValueFactory = _ => "steward-leader" };
        var leaseNamespace = new Option<string?>("--lease-namespace") { Description = "The Lease's namespace (default: the pod's namespace).", HelpName = "NAMESPACE" };
        command.Arguments.Add(repo);
        var prometheus = new Option<string?>("--prometheus") { Description = "Each loop run, import container usage (the series OpenCost reads) of the windows closed since the last run from this Prometheus base URL.", HelpName = "URL" };
        var prometheusToken = FinOps.PrometheusOptions.TokenFileOption();
        var prometheusCa = FinOps.PrometheusOptions.CaFileOption();
        var prometheusStep = new Option<string>("--prometheus-step") { Description = "With --prometheus: the window of one usage row (10s to 24h).", HelpName = "DURATION", DefaultValueFactory = _ => "5m" };
        command.Options.Add(listen);
        command.Options.Add(tlsCert);
        command.Options.Add(tlsKey);
        command.Options.Add(store);
        command.Options.Add(tokenFile);
        command.Options.Add(authProxyHeader);
        command.Options.Add(syncInterval);
        command.Options.Add(loopInterval);
        command.Options.Add(hookSecret);
        command.Options.Add(costDrop);
        command.Options.Add(cluster);
        command.Options.Add(kubeconfig);
        command.Options.Add(context);
        command.Options.Add(forge);
        command.Options.Add(forgeUrl);
        command.Options.Add(forgeRepo);
        command.Options.Add(forgeToken);
        command.Options.Add(notifyUrl);
        command.Options.Add(notifySecret);
        command.Options.Add(noLeaderElection);
        command.Options.Add(leaseName);
        command.Options.Add(leaseNamespace);
        command.Options.Add(prometheus);
        command.Options.Add(prometheusToken);
        command.Options.Add(prometheusCa);
        command.Options.Add(prometheusStep);

        command.SetAction(async (parse, cancellationToken) =>
        {
            var interval = parse.GetValue(syncInterval)!;
            if (!PolicyLimitsSettings.TryParseDuration(interval, out var every))
                throw new StewardInputException($"--sync-interval {interval}: expected a duration such as 2s, 5m or 1h");
            var loopEvery = parse.GetValue(loopInterval)!;
            if (!PolicyLimitsSettings.TryParseDuration(loopEvery, out var loopPeriod) || loopPeriod <= TimeSpan.Zero)
                throw new StewardInputException($"--interval {loopEvery}: expected a duration such as 30s, 5m or 1h");
            var promStepText = parse.GetValue(prometheusStep)!;
            if (!PolicyLimitsSettings.TryParseDuration(promStepText, out var promStep) || promStep < Core.FinOps.Usage.Prometheus.PrometheusWindows.MinStep
                || promStep > Core.FinOps.Usage.Prometheus.PrometheusWindows.MaxStep || promStep.Ticks % TimeSpan.TicksPerSecond != 0)
                throw new StewardInputException($"--prometheus-step {promStepText}: expected whole seconds from 10s to 24h, such as 5m");
            if (parse.GetValue(costDrop) is { } dropFolder && !Directory.Exists(dropFolder))
                throw new StewardInputException($"--cost-drop {dropFolder}: not a folder");
            // --listen, the TLS pair, the token file and the first load of the repository are checked by
            // StewardServer.Build: each failure is one line naming the flag or the file (exit 2).
            var options = new ServeOptions
            {
                Repository = parse.GetValue(repo)!,
                Listen = parse.GetValue(listen)!,
                TlsCertificate = parse.GetValue(tlsCert),
                TlsKey = parse.GetValue(tlsKey),
                Store = parse.GetValue(store)!,
                TokenFile = parse.GetValue(tokenFile),
                AuthProxyHeader = parse.GetValue(authProxyHeader),
                SyncInterval = every,
                Interval = loopPeriod,
                HookSecretFile = parse.GetValue(hookSecret),
                CostDrop = parse.GetValue(costDrop),
                Cluster = parse.GetValue(cluster),
                Kubeconfig = parse.GetValue(kubeconfig),
                KubeContext = parse.GetValue(context),
                Forge = parse.GetValue(forge),
                ForgeUrl = parse.GetValue(forgeUrl),
                ForgeRepository = parse.GetValue(forgeRepo),
                ForgeTokenFile = parse.GetValue(forgeToken),
                NotifyUrls = parse.GetValue(notifyUrl) ?? [],
                NotifySecretFile = parse.GetValue(notifySecret),
                LeaderElection = !parse.GetValue(noLeaderElection),
                LeaseName = parse.GetValue(leaseName)!,
                LeaseNamespace = parse.GetValue(leaseNamespace),
                PrometheusUrl = parse.GetValue(prometheus),
                PrometheusTokenFile = parse.GetValue(prometheusToken),
                PrometheusCaFile = parse.GetValue(prometheusCa),
                PrometheusStep = promStep,
            };
            await using var app = StewardServer.Build(options);
            try
            {
                await app.StartAsync(cancellationToken);
            }
            catch (IOException e)
            {
                // Kestrel's bind failure (address in use, not an address of this host).
                throw new StewardInputException($"--listen {options.Listen}: cannot listen: {e.Message}");
            }
            await app.WaitForShutdownAsync(cancellationToken);
            return ExitCodes.Ok;
        });
        return command;
    }
}
