using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Steward.Core;
using Steward.Core.GitOps.Forges;
using Steward.Core.Http;
using Steward.Core.Notifications;
using Steward.Core.Security;
using Steward.Server.Metrics;
using Steward.Server.Security;

namespace Steward.Server.Hosting;

/// <summary>
/// The control loop's integrations with the outside (docs/integrations.md): the forge that opens
/// change requests (<c>--forge</c>, registered as <see cref="IForge"/> only when given), one
/// <see cref="INotifier"/> per <c>--notify-url</c>, and the Git push hook's secret. Every flag is
/// checked and every secret file read here, at the start: a bad value is a StewardInputException naming
/// the flag (exit 2 with one line), not a failure at the loop's first run.
/// </summary>
public static class IntegrationServices
{
    public static IServiceCollection AddIntegrations(this IServiceCollection services, ServeOptions options)
    {
        var forge = ForgeOptionsOf(options);
        if (forge is not null)
            services.AddSingleton<IForge>(_ => forge.Create());

        foreach (var notifier in NotifiersOf(options))
            services.AddSingleton<INotifier>(_ => new WebhookNotifier(notifier));

        services.AddSingleton(options.HookSecretFile is { } hook ? GitHookSecret.Load(hook) : GitHookSecret.None);
        services.AddSingleton<HookMetrics>();
        return services;
    }

    /// <summary>The forge's settings from --forge, --forge-url, --forge-repo and --forge-token-file; null without --forge.</summary>
    internal static ForgeOptions? ForgeOptionsOf(ServeOptions options)
    {
        if (options.Forge is null)
        {
            var stray = options.ForgeRepository is not null ? "--forge-repo" : options.ForgeTokenFile is not null ? "--forge-token-file" : options.ForgeUrl is not null ? "--forge-url" : null;
            if (stray is not null) throw new StewardInputException($"{stray} needs --forge (github or gitlab)");
            return null;
        }
        var kind = options.Forge.Trim().ToLowerInvariant();
        if (kind is not (ForgeOptions.GitHub or ForgeOptions.GitLab))
            throw new StewardInputException($"--forge: \"{options.Forge}\" is not supported; expected github or gitlab");
        if (string.IsNullOrWhiteSpace(options.ForgeRepository))
            throw new StewardInputException($"--forge {kind} needs --forge-repo ({(kind == ForgeOptions.GitHub ? "owner/name" : "the project path group/project or its numeric id")})");
        if (string.IsNullOrWhiteSpace(options.ForgeTokenFile))
            throw new StewardInputException($"--forge {kind} needs --forge-token-file (a file holding the API token; never the token itself)");
        var url = options.ForgeUrl is { } given ? OutboundUrl.Parse(given, "--forge-url") : ForgeOptions.DefaultApiUrl(kind);
        var forge = new ForgeOptions
        {
            Kind = kind,
            ApiUrl = url,
            Repository = options.ForgeRepository,
            Token = SecretFile.Read(options.ForgeTokenFile, $"--forge-token-file {options.ForgeTokenFile}"),
            TokenSource = $"--forge-token-file {options.ForgeTokenFile}",
            Clock = options.Clock,
        };
        try
        {
            forge.Validate();
        }
        catch (StewardInputException ex)
        {
            throw new StewardInputException($"--forge-repo: {ex.Message}", ex);
        }
        return forge;
    }

    /// <summary>One webhook per --notify-url, signed with --notify-secret-file when given.</summary>
    internal static IReadOnlyList<WebhookOptions> NotifiersOf(ServeOptions options)
    {
        if (options.NotifySecretFile is not null && options.NotifyUrls.Count == 0)
            throw new StewardInputException("--notify-secret-file needs --notify-url (the webhook it signs for)");
        var secret = options.NotifySecretFile is { } path ? Encoding.UTF8.GetBytes(SecretFile.Read(path, $"--notify-secret-file {path}")) : null;
        var webhooks = new List<WebhookOptions>();
        var seen = new HashSet<Uri>();
        foreach (var text in options.NotifyUrls)
        {
            var url = OutboundUrl.Parse(text, "--notify-url");
            if (!seen.Add(url)) throw new StewardInputException($"--notify-url {OutboundUrl.Redact(url)} is given twice");
            webhooks.Add(new WebhookOptions
            {
                Url = url,
                Secret = secret,
                // The URL's path is the credential of a Slack webhook: messages name the host only.
                Name = $"--notify-url {OutboundUrl.Redact(url)}",
                Clock = options.Clock,
            });
        }
        return webhooks;
    }
}
