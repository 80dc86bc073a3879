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
        var tokenFile = new Option<string?>("--token-file") { Description = "API bearer tokens: a YAML list of {name, sha256, scopes} (scopes: ingest, read, admin). Without it the API refuses every request.", HelpName = "FILE" };
        var syncInterval = new Option<string>("--sync-interval") { Description = "How often the repository is re-read or fetched (e.g. 2s, 5m).", HelpName = "DURATION", DefaultValueFactory = _ => "60s" };
        command.Arguments.Add(repo);
        command.Options.Add(listen);
        command.Options.Add(tlsCert);
        command.Options.Add(tlsKey);
        command.Options.Add(store);
        command.Options.Add(tokenFile);
        command.Options.Add(syncInterval);

        command.SetAction(async (parse, cancellationToken) =>
        {
            var interval = parse.GetValue(syncInterval)!;
            if (!PolicyLimitsSettings.TryParseDuration(interval, out var every))
                throw new StewardInputException($"--sync-interval {interval}: expected a duration such as 2s, 5m or 1h");
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
                SyncInterval = every,
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
