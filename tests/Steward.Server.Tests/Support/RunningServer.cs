using System.Net.Security;
using Microsoft.AspNetCore.Builder;

namespace Steward.Server.Tests.Support;

/// <summary>A <c>steward serve</c> started in-process on a loopback port, and clients for it.</summary>
internal sealed class RunningServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private RunningServer(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    public IServiceProvider Services => _app.Services;

    /// <param name="services">More services (a test forge or notifier), registered after the server's own.</param>
    public static async Task<RunningServer> StartAsync(ServeOptions options, Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? services = null)
    {
        var app = StewardServer.Build(options with { Listen = "127.0.0.1:0" }, _ => { }, services);
        await app.StartAsync(TestContext.Current.CancellationToken);
        return new RunningServer(app, new Uri(StewardServer.Addresses(app).Single()));
    }

    /// <summary>
    /// A client on a new connection (a new handler each time, so each call makes its own TLS
    /// handshake) that trusts exactly the certificates whose thumbprints <paramref name="trusted"/>
    /// accepts, and records the thumbprint the server presented.
    /// </summary>
    public HttpClient Client(Func<string, bool>? trusted = null, Action<string>? presented = null)
    {
        var handler = new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.Zero,
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                {
                    if (certificate is null) return false;
                    var thumbprint = certificate.GetCertHashString();
                    presented?.Invoke(thumbprint);
                    return trusted?.Invoke(thumbprint) ?? false;
                },
            },
        };
        return new HttpClient(handler) { BaseAddress = Address };
    }

    public async Task<string> GetTextAsync(string path)
    {
        using var client = Client();
        return await client.GetStringAsync(path, TestContext.Current.CancellationToken);
    }

    public async Task<(int Status, string Body)> GetAsync(string path)
    {
        using var client = Client();
        using var response = await client.GetAsync(path, TestContext.Current.CancellationToken);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }
}
