using System.Text.Json.Nodes;
using Steward.Core.GitOps.Forges;
using Steward.Core.Http;

namespace Steward.Core.Tests.Integrations;

/// <summary>
/// GitHubForge against a local server that speaks GitHub's REST API as documented
/// (docs.github.com, "REST API endpoints for pull requests" and "for labels", API version 2022-11-28).
/// </summary>
public sealed class GitHubForgeTests
{
    private const string PullUrl = "https://github.example/acme/governance/pull/42";

    private static readonly ChangeRequestDraft Draft = new("steward/fix-budget", "main", "Fix the ml team's budget", "Steward found **2** findings.")
    {
        Labels = ["steward", "automated"],
    };

    private static GitHubForge Forge(LocalHttpServer server) => new(new ForgeOptions
    {
        Kind = ForgeOptions.GitHub,
        ApiUrl = server.Address,
        Repository = "acme/governance",
        Token = "ghp_test_token_123",
        TokenSource = "--forge-token-file /run/secrets/github",
        Limits = FastLimits.Value,
    });

    [Fact]
    public async Task Opens_a_pull_request_and_adds_its_labels()
    {
        await using var server = await LocalHttpServer.StartAsync((request, _) => request.Path switch
        {
            "/repos/acme/governance/pulls" => Answer.Json(201, $$"""{"number":42,"html_url":"{{PullUrl}}","state":"open"}"""),
            "/repos/acme/governance/issues/42/labels" => Answer.Json(200, """[{"name":"automated"},{"name":"steward"}]"""),
            _ => Answer.Json(404, """{"message":"Not Found"}"""),
        });
        using var forge = Forge(server);

        var opened = await forge.OpenAsync(Draft, TestContext.Current.CancellationToken);

        opened.Should().Be(new ChangeRequest(42, PullUrl, AlreadyOpen: false));
        var requests = server.Requests;
        requests.Should().HaveCount(2);
        var create = requests[0];
        create.Method.Should().Be("POST");
        create.RawTarget.Should().Be("/repos/acme/governance/pulls");
        create.Header("Authorization").Should().Be("Bearer ghp_test_token_123");
        create.Header("Accept").Should().Be("application/vnd.github+json");
        create.Header("X-GitHub-Api-Version").Should().Be("2022-11-28");
        create.Header("User-Agent").Should().StartWith("steward/");
        create.Header("Content-Type").Should().Be("application/json; charset=utf-8");
        JsonNode.DeepEquals(JsonNode.Parse(create.Body),
            JsonNode.Parse("""{"title":"Fix the ml team's budget","head":"steward/fix-budget","base":"main","body":"Steward found **2** findings."}""")).Should().BeTrue(create.BodyText);
        var labels = requests[1];
        labels.Method.Should().Be("POST");
        labels.RawTarget.Should().Be("/repos/acme/governance/issues/42/labels");
        labels.Header("Authorization").Should().Be("Bearer ghp_test_token_123");
        // Sorted, so that the same draft is the same request.
        JsonNode.DeepEquals(JsonNode.Parse(labels.Body), JsonNode.Parse("""{"labels":["automated","steward"]}""")).Should().BeTrue(labels.BodyText);
    }

    [Fact]
    public async Task Answers_the_open_pull_request_when_GitHub_says_one_already_exists()
    {
        // GitHub's 422 for a second pull request from the same head (its documented validation-error shape).
        const string exists = """{"message":"Validation Failed","errors":[{"resource":"PullRequest","code":"custom","message":"A pull request already exists for acme:steward/fix-budget."}],"documentation_url":"https://docs.github.com/rest/pulls/pulls#create-a-pull-request","status":"422"}""";
        await using var server = await LocalHttpServer.StartAsync((request, _) => (request.Method, request.Path) switch
        {
            ("POST", "/repos/acme/governance/pulls") => Answer.Json(422, exists),
            ("GET", "/repos/acme/governance/pulls") => Answer.Json(200, """[{"number":7,"html_url":"https://github.example/acme/governance/pull/7","head":{"ref":"steward/fix-budget","label":"acme:steward/fix-budget"}}]"""),
            ("POST", "/repos/acme/governance/issues/7/labels") => Answer.Json(200, "[]"),
            _ => Answer.Json(404, """{"message":"Not Found"}"""),
        });
        using var forge = Forge(server);

        var opened = await forge.OpenAsync(Draft, TestContext.Current.CancellationToken);

        opened.Should().Be(new ChangeRequest(7, "https://github.example/acme/governance/pull/7", AlreadyOpen: true));
        var find = server.Requests[1];
        find.Method.Should().Be("GET");
        find.Query.Should().BeEquivalentTo(new Dictionary<string, string> { ["head"] = "acme:steward/fix-budget", ["state"] = "open" });
        find.Header("Authorization").Should().Be("Bearer ghp_test_token_123");
        server.Requests[2].RawTarget.Should().Be("/repos/acme/governance/issues/7/labels");
    }

    [Theory]
    [InlineData(401, """{"message":"Bad credentials","documentation_url":"https://docs.github.com/rest","status":"401"}""", "was refused (HTTP 401: Bad credentials); check that it is valid, not expired and not revoked")]
    [InlineData(403, """{"message":"Resource not accessible by personal access token","status":"403"}""", "may not open a pull request (HTTP 403: Resource not accessible by personal access token); it needs a fine-grained token with the repository permissions Pull requests: read and write and Contents: read and write (a classic token: the repo scope)")]
    [InlineData(404, """{"message":"Not Found","status":"404"}""", "not found (HTTP 404: Not Found); check the repository name, the API URL, and that the token can see the repository")]
    public async Task A_refusal_of_the_configuration_is_one_line_naming_the_forge_and_repository_and_is_not_retried(int status, string body, string expected)
    {
        await using var server = await LocalHttpServer.StartAsync((_, _) => Answer.Json(status, body));
        using var forge = Forge(server);

        var act = () => forge.OpenAsync(Draft, TestContext.Current.CancellationToken);

        var error = (await act.Should().ThrowAsync<StewardInputException>()).Which;
        error.Message.Should().StartWith($"github acme/governance at http://127.0.0.1:{server.Address.Port}: ");
        error.Message.Should().EndWith(expected);
        if (status != 404) error.Message.Should().Contain("the token from --forge-token-file /run/secrets/github");
        error.Message.Should().NotContain("ghp_test_token_123").And.NotContain("\n");
        server.Requests.Should().HaveCount(1);
    }

    [Fact]
    public async Task Waits_what_Retry_After_says_after_a_429_then_opens()
    {
        await using var server = await LocalHttpServer.StartAsync((request, index) => index == 0
            ? new Answer(429, """{"message":"You have exceeded a secondary rate limit"}""", new Dictionary<string, string> { ["Retry-After"] = "1" })
            : request.Path.EndsWith("/labels", StringComparison.Ordinal) ? Answer.Json(200, "[]") : Answer.Json(201, $$"""{"number":42,"html_url":"{{PullUrl}}"}"""));
        using var forge = Forge(server);

        var opened = await forge.OpenAsync(Draft, TestContext.Current.CancellationToken);

        opened.Number.Should().Be(42);
        server.Requests.Select(r => r.RawTarget).Should().Equal("/repos/acme/governance/pulls", "/repos/acme/governance/pulls", "/repos/acme/governance/issues/42/labels");
    }

    [Fact]
    public async Task Retries_a_500_twice_then_opens()
    {
        await using var server = await LocalHttpServer.StartAsync((request, index) => index < 2
            ? Answer.Json(500, """{"message":"Server Error"}""")
            : request.Path.EndsWith("/labels", StringComparison.Ordinal) ? Answer.Json(200, "[]") : Answer.Json(201, $$"""{"number":42,"html_url":"{{PullUrl}}"}"""));
        using var forge = Forge(server);

        var opened = await forge.OpenAsync(Draft, TestContext.Current.CancellationToken);

        opened.Should().Be(new ChangeRequest(42, PullUrl, false));
        server.Requests.Count(r => r.Path == "/repos/acme/governance/pulls").Should().Be(3);
    }

    [Fact]
    public async Task Gives_up_after_the_retries_with_one_line()
    {
        await using var server = await LocalHttpServer.StartAsync((_, _) => Answer.Json(502, """{"message":"Bad Gateway"}"""));
        using var forge = Forge(server);

        var act = () => forge.OpenAsync(Draft, TestContext.Current.CancellationToken);

        (await act.Should().ThrowAsync<RemoteServiceException>()).Which.Message.Should()
            .Be($"github acme/governance at http://127.0.0.1:{server.Address.Port}: could not open a pull request: HTTP 502: Bad Gateway");
        // The first attempt and FastLimits' 2 retries.
        server.Requests.Should().HaveCount(3);
    }

    [Fact]
    public async Task Does_not_wait_a_Retry_After_longer_than_the_limit()
    {
        await using var server = await LocalHttpServer.StartAsync((_, _) =>
            new Answer(429, """{"message":"API rate limit exceeded"}""", new Dictionary<string, string> { ["Retry-After"] = "3600" }));
        using var forge = Forge(server);

        var act = () => forge.OpenAsync(Draft, TestContext.Current.CancellationToken);

        (await act.Should().ThrowAsync<RemoteServiceException>()).Which.Message.Should()
            .EndWith("could not open a pull request: rate limited (HTTP 429: API rate limit exceeded); the forge asks to wait 3600 s");
        server.Requests.Should().HaveCount(1);
    }

    /// <summary>The clock at 1796194800 (2026-12-02T07:00:00Z); the limit resets at 1796198400, 3600 s later.</summary>
    private sealed class FixedTime : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => DateTimeOffset.FromUnixTimeSeconds(1796194800);
    }

    [Fact]
    public async Task An_exhausted_primary_rate_limit_is_reported_with_its_reset_not_as_a_permission_problem()
    {
        // GitHub's documented answer: 403 (or 429), x-ratelimit-remaining 0, x-ratelimit-reset in UTC epoch seconds.
        await using var server = await LocalHttpServer.StartAsync((_, _) => new Answer(403, """{"message":"API rate limit exceeded for user ID 1."}""",
            new Dictionary<string, string> { ["x-ratelimit-limit"] = "5000", ["x-ratelimit-remaining"] = "0", ["x-ratelimit-reset"] = "1796198400" }));
        using var forge = new GitHubForge(new ForgeOptions
        {
            Kind = ForgeOptions.GitHub, ApiUrl = server.Address, Repository = "acme/governance", Token = "t",
            Limits = FastLimits.Value, Clock = new FixedTime(),
        });

        var act = () => forge.OpenAsync(Draft, TestContext.Current.CancellationToken);

        (await act.Should().ThrowAsync<RemoteServiceException>()).Which.Message.Should()
            .EndWith("could not open a pull request: rate limited (HTTP 403: API rate limit exceeded for user ID 1.); the forge asks to wait 3600 s");
        server.Requests.Should().HaveCount(1);
    }

    [Fact]
    public async Task Refuses_an_answer_over_the_size_cap()
    {
        var large = "{\"message\":\"" + new string('x', 4096) + "\"}";
        await using var server = await LocalHttpServer.StartAsync((_, _) => Answer.Json(201, large));
        using var forge = new GitHubForge(new ForgeOptions
        {
            Kind = ForgeOptions.GitHub, ApiUrl = server.Address, Repository = "acme/governance", Token = "t",
            Limits = FastLimits.Value with { MaxResponseBytes = 1024 },
        });

        var act = () => forge.OpenAsync(Draft, TestContext.Current.CancellationToken);

        (await act.Should().ThrowAsync<RemoteServiceException>()).Which.Message.Should().EndWith("the answer is larger than the limit of 1024 bytes");
        server.Requests.Should().HaveCount(1);
    }

    [Theory]
    [InlineData("acme")]
    [InlineData("acme/governance/extra")]
    [InlineData("/governance")]
    public void A_repository_that_is_not_owner_slash_name_is_refused(string repository)
    {
        var act = () => new GitHubForge(new ForgeOptions { Kind = ForgeOptions.GitHub, ApiUrl = new Uri("https://api.github.com"), Repository = repository, Token = "t" });

        act.Should().Throw<StewardInputException>().WithMessage($"github repository \"{repository}\": expected owner/name");
    }
}
