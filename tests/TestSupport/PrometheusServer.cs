using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Steward.TestSupport;

/// <summary>
/// A real Prometheus server (Debian's <c>prometheus</c> package) over a TSDB built from OpenMetrics text
/// with <c>promtool tsdb create-blocks-from openmetrics</c>: exact, deterministic series, no scraping.
/// scripts/test.sh installs the package (scripts/test-tools.sh); without it the fixture fails and says so.
/// </summary>
internal sealed class PrometheusServer : IDisposable
{
    private readonly Process process;
    private readonly string folder;
    private readonly StringWriter log = new();

    private PrometheusServer(Process process, string folder, string url)
    {
        this.process = process;
        this.folder = folder;
        Url = url;
    }

    public string Url { get; }

    /// <summary>Builds the TSDB from <paramref name="openMetrics"/> (ending in <c># EOF</c>) and starts a server on a free port of 127.0.0.1.</summary>
    public static async Task<PrometheusServer> StartAsync(string openMetrics, IEnumerable<string>? extraArguments = null, CancellationToken cancellationToken = default)
    {
        var prometheus = Tool("prometheus");
        var promtool = Tool("promtool");
        var folder = Path.Combine(Path.GetTempPath(), "steward-prometheus-" + Guid.NewGuid().ToString("N")[..12]);
        var data = Path.Combine(folder, "data");
        Directory.CreateDirectory(data);
        var input = Path.Combine(folder, "series.om");
        await File.WriteAllTextAsync(input, openMetrics, cancellationToken);
        var config = Path.Combine(folder, "prometheus.yml");
        await File.WriteAllTextAsync(config, "scrape_configs: []\n", cancellationToken);

        var (code, output) = await RunAsync(promtool, ["tsdb", "create-blocks-from", "openmetrics", input, data], cancellationToken);
        if (code != 0) throw new InvalidOperationException($"promtool tsdb create-blocks-from openmetrics failed ({code}): {output}");

        var port = FreePort();
        var url = $"http://127.0.0.1:{port}";
        var start = new ProcessStartInfo(prometheus)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = folder,
        };
        foreach (var argument in new[]
        {
            "--config.file=" + config, "--storage.tsdb.path=" + data, "--web.listen-address=127.0.0.1:" + port,
            // Blocks of a fixed past date: time retention counts from the newest block, and a long one keeps them anyway.
            "--storage.tsdb.retention.time=3650d", "--log.level=warn",
        }.Concat(extraArguments ?? []))
            start.ArgumentList.Add(argument);
        var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start prometheus");
        var server = new PrometheusServer(process, folder, url);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (server.log) server.log.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (server.log) server.log.WriteLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await server.WaitReadyAsync(cancellationToken);
        }
        catch
        {
            server.Dispose();
            throw;
        }
        return server;
    }

    private async Task WaitReadyAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited) throw new InvalidOperationException($"prometheus exited ({process.ExitCode}): {Log}");
            try
            {
                using var response = await http.GetAsync(Url + "/-/ready", cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested) { }
            await Task.Delay(100, cancellationToken);
        }
        throw new TimeoutException($"prometheus at {Url} not ready within 60 s: {Log}");
    }

    public string Log { get { lock (log) return log.ToString(); } }

    /// <summary>The tool's path, or a failure that says how to install it (never a silent skip).</summary>
    private static string Tool(string name)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin").Split(':').Append("/usr/bin"))
        {
            var path = Path.Combine(dir, name);
            if (File.Exists(path)) return path;
        }
        throw new InvalidOperationException(
            $"{name} not found: these tests run Debian's Prometheus server; install it with `bash scripts/test-tools.sh` (apt-get install prometheus), which scripts/test.sh runs");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<(int Code, string Output)> RunAsync(string file, string[] arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return (process.ExitCode, await stdout + await stderr);
    }

    public void Dispose()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill();
                process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException) { }
        process.Dispose();
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
