using System.Text.Json;
using Steward.TestSupport;

namespace Steward.Server.Tests.Dashboard;

/// <summary>
/// A store filled by the CLI as an operator fills it, and a copy of examples/governance with a hostile
/// model (its name and owner are HTML): <c>cost import</c> of ../shared/data's FOCUS sample (September
/// 2024), the example inference logs ingested and <c>monitor run</c> (breaches on the last two
/// credit-scoring days), and <c>check --audit</c> (audit entries). The server's clock is 2024-09-20, so that
/// the month to date is 2024-09-01..2024-09-20 of the sample.
/// </summary>
public sealed class DashboardFixture : IAsyncLifetime
{
    public const string HostileModel = "<script>alert(1)</script>";
    public const string HostileOwner = "<img src=x onerror=alert(2)>";
    public static readonly DateTimeOffset Now = new(2024, 9, 20, 12, 0, 0, TimeSpan.Zero);

    private readonly TempFolder temp = new();

    public string Repository => temp["governance"];

    public string Store => temp["store/steward.duckdb"];

    public string Folder(string name) => temp[name];

    public async ValueTask InitializeAsync()
    {
        Copy(RepositoryPaths.InRepository("examples", "governance"), Repository);
        temp.Write("governance/models/hostile/1.0.0.yaml", $"""
            apiVersion: steward.dev/v1alpha1
            kind: ModelVersion
            metadata:
              name: hostile-1.0.0
            spec:
              model: "{HostileModel}"
              version: 1.0.0
              owner: "{HostileOwner}"
            """);
        await Cli("cost", "import", RepositoryPaths.InShared("data", "focus", "focus_sample.csv"), "--store", Store);
        await Cli("ingest", "inferences", "--model", "credit-scoring", "--version", "1.3.0", RepositoryPaths.InRepository("examples", "inference-logs", "credit-scoring.csv"), "--store", Store);
        await Cli("ingest", "inferences", "--model", "support-chat", "--version", "2.1.0", RepositoryPaths.InRepository("examples", "inference-logs", "support-chat.csv"), "--store", Store);
        await Cli(1, "monitor", "run", Repository, "--store", Store);
        await Cli(1, "check", Repository, "--store", Store, "--audit");
    }

    public ValueTask DisposeAsync()
    {
        temp.Dispose();
        return ValueTask.CompletedTask;
    }

    public ServeOptions Options(string? tokenFile = null, string? proxyHeader = null) => new()
    {
        Repository = Repository,
        Store = Store,
        TokenFile = tokenFile,
        AuthProxyHeader = proxyHeader,
        Clock = new FixedClock(Now),
    };

    /// <summary>The JSON the CLI prints for <paramref name="args"/> (with --format json and this store), whatever its exit code.</summary>
    public async Task<JsonElement> CliJson(params string[] args)
    {
        var (_, output, error) = await ServerTestSupport.RunCliAsync([.. args, "--format", "json", "--store", Store]);
        output.Should().NotBeEmpty(error);
        return JsonDocument.Parse(output).RootElement.Clone();
    }

    private static Task Cli(params string[] args) => Cli(0, args);

    private static async Task Cli(int expected, params string[] args)
    {
        var (exit, _, error) = await ServerTestSupport.RunCliAsync(args);
        exit.Should().Be(expected, $"steward {string.Join(' ', args)}: {error}");
    }

    private static void Copy(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
