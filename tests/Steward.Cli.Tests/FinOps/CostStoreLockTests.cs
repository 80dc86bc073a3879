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
        var connected = new TaskCompletionSource<TcpClient>(TaskCreationOptions.RunContinuationsAsynchronously);
        _ = Task.Run(async () => connected.TrySetResult(await silent.AcceptTcpClientAsync(cancel)), cancel);
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;

        using var holder = Start("cost", "import-usage", "--prometheus", $"http://127.0.0.1:{port}", "--from", "2026-11-01T00:00:00Z",
            "--to", "2026-11-01T01:00:00Z", "--step", "1h", "--prometheus-timeout", "10m", "--store", cli.StorePath);
        try
        {
            // The holder opens the store before it asks Prometheus: once it has connected, it holds the file.
            // (A deadline for a process that never gets there, not a timing assertion.)
            var first = await Task.WhenAny(connected.Task, holder.WaitForExitAsync(cancel), Task.Delay(TimeSpan.FromMinutes(3), cancel));
            first.Should().BeSameAs(connected.Task, $"the holder connects to Prometheus with the store open ({(holder.HasExited ? holder.StandardError.ReadToEnd() : "still starting")})");

            var result = await cli.Run("cost", "import", CostCli.Sample);

            result.Exit.Should().Be(2);
            result.Err.Should().StartWith($"steward: {cli.StorePath}: cannot open the Steward store: ").And.Contain("Could not set lock on file");
            result.Err.Should().NotContain("   at ", "no stack trace");
            result.Out.Should().BeEmpty();
        }
        finally
        {
            holder.Kill(entireProcessTree: true);
            await holder.WaitForExitAsync(cancel);
            if (connected.Task.IsCompletedSuccessfully)
                (await connected.Task).Dispose();
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
