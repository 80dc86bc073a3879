using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Steward.TestSupport;

namespace Steward.Server.Tests.Ingestion;

/// <summary>A real <c>steward serve</c> process (the built CLI, run with <c>dotnet steward.dll</c>), for tests that kill it.</summary>
internal sealed class ServeProcess : IDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();

    private ServeProcess(Process process, Uri address)
    {
        this.process = process;
        Address = address;
        process.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public Uri Address { get; }

    public string Output { get { lock (output) return output.ToString(); } }

    public static async Task<ServeProcess> StartAsync(string store, string tokenFile, CancellationToken cancellationToken)
    {
        var port = FreePort();
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { StewardDll(), "serve", RepositoryPaths.InRepository("examples", "governance"),
                     "--listen", $"127.0.0.1:{port}", "--store", store, "--token-file", tokenFile })
            start.ArgumentList.Add(argument);
        var server = new ServeProcess(Process.Start(start)!, new Uri($"http://127.0.0.1:{port}"));
        await server.WaitUntilHealthyAsync(cancellationToken);
        return server;
    }

    /// <summary>kill -9: SIGKILL, no shutdown, no checkpoint.</summary>
    public void Kill()
    {
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
    }

    private async Task WaitUntilHealthyAsync(CancellationToken cancellationToken)
    {
        using var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        // A deadline for a process that never comes up (not a timing assertion: a healthy start takes a second or two).
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"steward serve exited with {process.ExitCode}:\n{Output}");
            try
            {
                using var response = await client.GetAsync("/healthz", cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested) { }
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"steward serve did not answer /healthz:\n{Output}");
            await Task.Delay(100, cancellationToken);
        }
    }

    /// <summary>The built CLI: next to this test assembly (a project reference), or in the CLI project's output.</summary>
    private static string StewardDll()
    {
        var here = Path.Combine(AppContext.BaseDirectory, "steward.dll");
        if (File.Exists(here) && File.Exists(Path.Combine(AppContext.BaseDirectory, "steward.runtimeconfig.json")))
            return here;
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Debug" : "Release";
        var built = RepositoryPaths.InRepository("src", "Steward.Cli", "bin", configuration, "net10.0", "steward.dll");
        return File.Exists(built) ? built : throw new FileNotFoundException("the built steward.dll (build src/Steward.Cli first)", built);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        if (!process.HasExited) Kill();
        process.Dispose();
    }
}
