using System.Net;
using System.Net.Sockets;
using Steward.TestSupport;

namespace Steward.Cli.Tests;

/// <summary><c>steward serve</c> through the real command line: bad flags are exit 2 with one line naming the flag.</summary>
public sealed class ServeCommandTests
{
    private static readonly string Example = RepositoryPaths.InRepository("examples", "governance");

    [Theory]
    [InlineData("--listen", "nonsense", "--listen nonsense: expected ADDRESS:PORT such as 0.0.0.0:8443, 127.0.0.1:0 or [::]:8443")]
    [InlineData("--listen", "127.0.0.1:70000", "--listen 127.0.0.1:70000: expected ADDRESS:PORT such as 0.0.0.0:8443, 127.0.0.1:0 or [::]:8443")]
    [InlineData("--sync-interval", "soon", "--sync-interval soon: expected a duration such as 2s, 5m or 1h")]
    [InlineData("--sync-interval", "0s", "--sync-interval 0s: expected a duration such as 2s, 5m or 1h")]
    [InlineData("--tls-cert", "tls.crt", "--tls-cert needs --tls-key (the certificate's private key)")]
    [InlineData("--tls-key", "tls.key", "--tls-key needs --tls-cert (the certificate it belongs to)")]
    public async Task A_bad_flag_is_exit_2_with_one_line_naming_it(string flag, string value, string message)
    {
        using var temp = new TempFolder();
        string[] listen = flag == "--listen" ? [] : ["--listen", "127.0.0.1:0"];
        var result = await CliRunner.RunAsync(["serve", Example, .. listen, "--store", temp["s.duckdb"], flag, value]);

        result.ExitCode.Should().Be(2);
        result.Error.Should().Contain(message);
        result.Error.Should().NotContain("   at ");
    }

    [Fact]
    public async Task Missing_tls_files_and_a_missing_repository_are_named()
    {
        using var temp = new TempFolder();
        var cert = await CliRunner.RunAsync("serve", Example, "--listen", "127.0.0.1:0", "--store", temp["s.duckdb"], "--tls-cert", temp["tls.crt"], "--tls-key", temp["tls.key"]);
        cert.ExitCode.Should().Be(2);
        cert.Error.Should().Contain($"--tls-cert {temp["tls.crt"]}: file not found");

        var repo = await CliRunner.RunAsync("serve", temp["nowhere"], "--listen", "127.0.0.1:0", "--store", temp["s.duckdb"]);
        repo.ExitCode.Should().Be(2);
        repo.Error.Should().Contain($"{temp["nowhere"]}: repository folder not found");
    }

    [Fact]
    public async Task A_port_in_use_is_exit_2_naming_listen()
    {
        using var temp = new TempFolder();
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        var result = await CliRunner.RunAsync("serve", Example, "--listen", $"127.0.0.1:{port}", "--store", temp["s.duckdb"]);

        result.ExitCode.Should().Be(2);
        result.Error.Should().Contain($"--listen 127.0.0.1:{port}: cannot listen: ");
        result.Error.Should().NotContain("   at ");
    }

    [Fact]
    public async Task Serves_the_repository_until_cancelled_then_exits_0()
    {
        using var temp = new TempFolder();
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var run = StewardApp.RunAsync(["serve", Example, "--listen", $"127.0.0.1:{port}", "--store", temp["s.duckdb"], "--sync-interval", "2s"],
            stdout, stderr, StewardEnvironment.Process.WithInput(new StringReader("")), stop.Token);

        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        string? ready = null;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (ready is null && !run.IsCompleted && DateTime.UtcNow < deadline)
        {
            try
            {
                ready = await client.GetStringAsync("/readyz", TestContext.Current.CancellationToken);
            }
            catch (HttpRequestException)
            {
                await Task.Delay(100, TestContext.Current.CancellationToken);
            }
        }
        run.IsCompleted.Should().BeFalse(because: stderr.ToString());
        ready.Should().StartWith("ok: revision ");

        await stop.CancelAsync();
        (await run).Should().Be(0);
    }
}
