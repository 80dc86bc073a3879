using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Steward.Cli.Tests.FinOps;

/// <summary>
/// Issue 17, item 3: the DuckDB file takes one writing process at a time; a second process gets a
/// clear input error (exit 2) naming the store and the lock, not a stack trace. The first process is a
/// real <c>steward cost import-usage --prometheus</c> that holds the store open while it waits for a
/// Prometheus server that accepts the connection and never answers.
/// </summary>
public sealed class CostStoreLockTests : IDisposable
{
    private readonly CostCli cli = new();

    public void Dispose() => cli.Dispose();

    [Fact]
    public async Task A_second_process_on_a_DuckDB_store_in_use_exits_2_naming_the_lock()
    {
        var cancel = TestContext.Current.CancellationToken;
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var accepted = new List<TcpClient>();
        _ = Task.Run(async () => { while (!cancel.IsCancellationRequested) accepted.Add(await silent.AcceptTcpClientAsync(cancel)); }, cancel);
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;

        using var holder = Start("cost", "import-usage", "--prometheus", $"http://127.0.0.1:{port}", "--from", "2026-11-01T00:00:00Z",
            "--to", "2026-11-01T01:00:00Z", "--step", "1h", "--prometheus-timeout", "10m", "--store", cli.StorePath);
        try
        {
            // Until the holder has the store open: before, the store does not exist ("no Steward store").
            // A deadline for a process that never comes up, not a timing assertion.
            var deadline = DateTime.UtcNow.AddMinutes(3);
            (int Exit, string Out, string Err) result;
            do
            {
                holder.HasExited.Should().BeFalse("the holder waits for Prometheus");
                await Task.Delay(200, cancel);
                result = await cli.Run("cost", "import", CostCli.Sample);
            }
            while (!result.Err.Contains("lock", StringComparison.OrdinalIgnoreCase) && DateTime.UtcNow < deadline);

            result.Exit.Should().Be(2);
            result.Err.Should().StartWith($"steward: {cli.StorePath}: cannot open the Steward store: ").And.Contain("Could not set lock on file");
            result.Err.Should().NotContain("   at ", "no stack trace");
            result.Out.Should().BeEmpty();
        }
        finally
        {
            holder.Kill(entireProcessTree: true);
            holder.WaitForExit();
            foreach (var client in accepted) client.Dispose();
        }
    }

    private static Process Start(params string[] arguments)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "steward.dll"));
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        return Process.Start(start)!;
    }
}
