using Microsoft.Extensions.Hosting;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Steward.Server.Loop;
using Steward.Server.Tests.Support;
using Steward.TestSupport;

namespace Steward.Server.Tests.Integrations;

/// <summary>POST /api/v1/hooks/git as GitHub and GitLab deliver it, against a server started in-process.</summary>
public sealed class HookEndpointTests
{
    private const string Secret = "It's a Secret to Everybody";

    /// <summary>A trimmed GitHub push payload (docs.github.com, "Webhook events and payloads", push).</summary>
    private const string GitHubPush = """{"ref":"refs/heads/main","before":"0000000000000000000000000000000000000000","after":"6113728f27ae82c7b1a177c8d03f9e96e0adf246","repository":{"full_name":"acme/governance"},"pusher":{"name":"octocat"}}""";

    /// <summary>A trimmed GitLab push payload (docs.gitlab.com, "Webhook events", Push events).</summary>
    private const string GitLabPush = """{"object_kind":"push","event_name":"push","ref":"refs/heads/main","checkout_sha":"da1560886d4f094c3e6c9ef40349f7d38b5d27d7","project":{"path_with_namespace":"platform/governance"}}""";

    private static async Task<RunningServer> StartAsync(TempFolder temp, bool withSecret = true)
    {
        string? secretFile = withSecret ? temp.Write("hook-secret", Secret + "\n") : null;
        return await RunningServer.StartAsync(new ServeOptions
        {
            Repository = RepositoryPaths.InRepository("examples", "governance"),
            Store = temp["store/steward.duckdb"],
            HookSecretFile = secretFile,
        },
        // The loop itself would take the requested run; without it the request stays pending for the test to see.
        services => services.Remove(services.Single(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(LoopService))));
    }

    private static async Task<(HttpStatusCode Status, string Body)> PostAsync(RunningServer server, string body, params (string Name, string Value)[] headers)
    {
        using var client = server.Client();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/hooks/git") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        foreach (var (name, value) in headers) request.Headers.TryAddWithoutValidation(name, value);
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    /// <summary>The hex HMAC-SHA256 of a payload with <see cref="Secret"/> (the same computation as GitHub's documented example, below).</summary>
    private static string Sign(string payload) =>
        "sha256=" + Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes(payload)));

    private static async Task<string> NextTriggerAsync(RunningServer server) =>
        // A requested run is pending already: WaitAsync answers at once; the interval is only a bound.
        await server.Services.GetRequiredService<LoopTrigger>().WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

    [Fact]
    public async Task A_signed_GitHub_push_triggers_a_loop_run()
    {
        using var temp = new TempFolder();
        await using var server = await StartAsync(temp);

        var (status, body) = await PostAsync(server, GitHubPush, ("X-GitHub-Event", "push"), ("X-GitHub-Delivery", "72d3162e-cc78-11e3-81ab-4c9367dc0958"), ("X-Hub-Signature-256", Sign(GitHubPush)));

        status.Should().Be(HttpStatusCode.Accepted, body);
        JsonDocument.Parse(body).RootElement.GetProperty("status").GetString().Should().Be("triggered");
        (await NextTriggerAsync(server)).Should().Be("hook");
    }

    [Fact]
    public async Task GitHub_s_documented_test_vector_is_accepted_as_a_signature()
    {
        // docs.github.com, "Validating webhook deliveries": secret "It's a Secret to Everybody", payload "Hello, World!".
        using var temp = new TempFolder();
        await using var server = await StartAsync(temp);

        var (status, _) = await PostAsync(server, "Hello, World!", ("X-GitHub-Event", "push"),
            ("X-Hub-Signature-256", "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17"));

        status.Should().Be(HttpStatusCode.Accepted);
        (await NextTriggerAsync(server)).Should().Be("hook");
    }

    [Fact]
    public async Task A_GitLab_push_with_the_token_triggers_a_loop_run()
    {
        using var temp = new TempFolder();
        await using var server = await StartAsync(temp);

        var (status, body) = await PostAsync(server, GitLabPush, ("X-Gitlab-Event", "Push Hook"), ("X-Gitlab-Token", Secret));

        status.Should().Be(HttpStatusCode.Accepted, body);
        JsonDocument.Parse(body).RootElement.GetProperty("source").GetString().Should().Be("gitlab");
        (await NextTriggerAsync(server)).Should().Be("hook");
    }

    [Fact]
    public async Task A_ping_is_answered_200_and_other_events_are_ignored_without_a_run()
    {
        using var temp = new TempFolder();
        await using var server = await StartAsync(temp);
        const string ping = """{"zen":"Keep it logically awesome.","hook_id":1}""";
        const string issue = """{"action":"opened"}""";

        var pong = await PostAsync(server, ping, ("X-GitHub-Event", "ping"), ("X-Hub-Signature-256", Sign(ping)));
        var ignored = await PostAsync(server, issue, ("X-GitHub-Event", "issues"), ("X-Hub-Signature-256", Sign(issue)));

        pong.Status.Should().Be(HttpStatusCode.OK);
        JsonDocument.Parse(pong.Body).RootElement.GetProperty("status").GetString().Should().Be("pong");
        ignored.Status.Should().Be(HttpStatusCode.OK);
        JsonDocument.Parse(ignored.Body).RootElement.GetProperty("status").GetString().Should().Be("ignored");
        var metrics = MetricsText.Parse(await server.GetTextAsync("/metrics"));
        MetricsText.Of(metrics, "steward_git_hooks_total").Should().BeEquivalentTo(new Dictionary<string, double>
        {
            ["source=\"github\",outcome=\"ping\""] = 1,
            ["source=\"github\",outcome=\"ignored\""] = 1,
            ["source=\"github\",outcome=\"triggered\""] = 0,
            ["source=\"github\",outcome=\"unauthorized\""] = 0,
            ["source=\"gitlab\",outcome=\"triggered\""] = 0,
            ["source=\"gitlab\",outcome=\"unauthorized\""] = 0,
        });
    }

    [Fact]
    public async Task A_bad_signature_or_token_is_401_and_triggers_nothing()
    {
        using var temp = new TempFolder();
        await using var server = await StartAsync(temp);

        var tampered = await PostAsync(server, GitHubPush.Replace("main", "evil", StringComparison.Ordinal), ("X-GitHub-Event", "push"), ("X-Hub-Signature-256", Sign(GitHubPush)));
        var unsigned = await PostAsync(server, GitHubPush, ("X-GitHub-Event", "push"));
        var wrongToken = await PostAsync(server, GitLabPush, ("X-Gitlab-Event", "Push Hook"), ("X-Gitlab-Token", "It's a Secret to Everybody!"));

        tampered.Status.Should().Be(HttpStatusCode.Unauthorized);
        unsigned.Status.Should().Be(HttpStatusCode.Unauthorized);
        wrongToken.Status.Should().Be(HttpStatusCode.Unauthorized);
        // No request is pending: the wait ends with its (short) interval.
        (await server.Services.GetRequiredService<LoopTrigger>().WaitAsync(TimeSpan.FromMilliseconds(50), TestContext.Current.CancellationToken)).Should().Be("interval");
        var metrics = MetricsText.Parse(await server.GetTextAsync("/metrics"));
        metrics["steward_git_hooks_total{source=\"github\",outcome=\"unauthorized\"}"].Should().Be(2);
        metrics["steward_git_hooks_total{source=\"gitlab\",outcome=\"unauthorized\"}"].Should().Be(1);
    }

    [Fact]
    public async Task Without_hook_secret_file_the_hook_is_refused_naming_the_flag()
    {
        using var temp = new TempFolder();
        await using var server = await StartAsync(temp, withSecret: false);

        var (status, body) = await PostAsync(server, GitHubPush, ("X-GitHub-Event", "push"), ("X-Hub-Signature-256", Sign(GitHubPush)));

        status.Should().Be(HttpStatusCode.Forbidden);
        JsonDocument.Parse(body).RootElement.GetProperty("detail").GetString().Should().Contain("--hook-secret-file");
    }

    [Fact]
    public async Task A_body_over_one_mebibyte_is_413()
    {
        using var temp = new TempFolder();
        await using var server = await StartAsync(temp);
        // 1 MiB = 1,048,576 bytes; one byte more.
        var large = new string('x', 1_048_577);

        var (status, _) = await PostAsync(server, large, ("X-GitHub-Event", "push"), ("X-Hub-Signature-256", Sign(large)));

        status.Should().Be(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task A_delivery_from_neither_forge_is_400()
    {
        using var temp = new TempFolder();
        await using var server = await StartAsync(temp);

        var (status, _) = await PostAsync(server, GitHubPush);

        status.Should().Be(HttpStatusCode.BadRequest);
    }
}
