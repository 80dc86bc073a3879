using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Steward.Core.Governance;
using Steward.Server.Endpoints;
using Steward.Server.Hosting;
using Steward.Server.Revisions;
using Steward.Server.Security;

namespace Steward.Server;

/// <summary>
/// Builds the <c>steward serve</c> application: Kestrel on <see cref="ServeOptions.Listen"/>, the
/// repository revision it serves, and every endpoint group (one file each under Endpoints/).
/// </summary>
public static class StewardServer
{
    public static WebApplication Build(ServeOptions options, Action<ILoggingBuilder>? logging = null)
    {
        var listen = ListenAddress.Parse(options.Listen);
        var tokens = options.TokenFile is { } file ? TokenFile.Load(file) : TokenFile.None;

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        if (logging is not null) logging(builder.Logging);
        else builder.Logging.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "yyyy-MM-ddTHH:mm:ssZ "; o.UseUtcTimestamp = true; });
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(listen.Address, listen.Port));

        var revisions = new RevisionHolder();
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(tokens);
        builder.Services.AddSingleton(revisions);

        var app = builder.Build();
        // First load before the first request; the repository sync keeps it current.
        var repository = RepositoryLoader.LoadFolder(options.Repository);
        revisions.Publish(new ServedRevision("initial", repository, DateTimeOffset.UtcNow));

        app.MapHealth();
        app.MapIngestion();
        return app;
    }

    /// <summary>The addresses Kestrel actually listens on (the port chosen when --listen gave port 0).</summary>
    public static IReadOnlyList<string> Addresses(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.ToList() ?? [];
}
