using System.Text.Json.Nodes;
using Steward.Core.GitOps.Forges;

namespace Steward.Core.Tests.Integrations;

/// <summary>
/// GitLabForge against a local server that speaks GitLab's REST API v4 as documented (docs.gitlab.com,
/// "Merge requests API": POST /projects/:id/merge_requests, :id a number or a URL-encoded path).
/// </summary>
public sealed class GitLabForgeTests
{
    private const string MergeUrl = "https://gitlab.example/platform/governance/-/merge_requests/12";

    private static readonly ChangeRequestDraft Draft = new("steward/fix-budget", "main", "Fix the ml team's budget", "Steward found **2** findings.")
    {
        Labels = ["steward", "automated"],
    };

    private static GitLabForge Forge(LocalHttpServer server, string project = "platform/governance") => new(new ForgeOptions
    {
        Kind = ForgeOptions.GitLab,
        ApiUrl = new Uri(server.Address, "/api/v4"),
        Repository = project,
        Token = "glpat-test-token",
        TokenSource = "--forge-token-file /run/secrets/gitlab",
        Limits = FastLimits.Value,
    });

    [Fact]
    public async Task Opens_a_merge_request_with_its_labels_and_answers_its_iid()
    {
        // id (instance-wide) and iid (the !12 of the project) differ on purpose: the iid is the number people see.
        await using var server = await LocalHttpServer.StartAsync((_, _) =>
            Answer.Json(201, $$"""{"id":9001,"iid":12,"project_id":3,"state":"opened","web_url":"{{MergeUrl}}"}"""));
        using var forge = Forge(server);

        var opened = await forge.OpenAsync(Draft, TestContext.Current.CancellationToken);

        opened.Should().Be(new ChangeRequest(12, MergeUrl, AlreadyOpen: false));
        var create = server.Requests.Single();
        create.Method.Should().Be("POST");
        create.RawTarget.Should().Be("/api/v4/projects/platform%2Fgovernance/merge_requests");
        create.Header("PRIVATE-TOKEN").Should().Be("glpat-test-token");
        create.Header("Authorization").Should().BeNull();
        create.Header("Content-Type").Should().Be("application/json; charset=utf-8");
        JsonNode.DeepEquals(JsonNode.Parse(create.Body), JsonNode.Parse("""
            {"source_branch":"steward/fix-budget","target_branch":"main","title":"Fix the ml team's budget","description":"Steward found **2** findings.","labels":"automated,steward"}
            """)).Should().BeTrue(create.BodyText);
    }

    [Fact]
    public async Task Answers_the_open_merge_request_when_GitLab_says_one_already_exists()
    {
        await using var server = await LocalHttpServer.StartAsync((request, _) => request.Method switch
        {
            "POST" => Answer.Json(409, """{"message":["Another open merge request already exists for this source branch: !12"]}"""),
            _ => Answer.Json(200, $$"""[{"id":9001,"iid":12,"source_branch":"steward/fix-budget","target_branch":"main","state":"opened","web_url":"{{MergeUrl}}"}]"""),
        });
        using var forge = Forge(server);

        var opened = await forge.OpenAsync(Draft, TestContext.Current.CancellationToken);

        opened.Should().Be(new ChangeRequest(12, MergeUrl, AlreadyOpen: true));
        var find = server.Requests[1];
        find.Method.Should().Be("GET");
        find.RawTarget.Should().StartWith("/api/v4/projects/platform%2Fgovernance/merge_requests?");
        find.Query.Should().BeEquivalentTo(new Dictionary<string, string> { ["source_branch"] = "steward/fix-budget", ["state"] = "opened" });
        find.Header("PRIVATE-TOKEN").Should().Be("glpat-test-token");
    }

    [Fact]
    public async Task A_numeric_project_id_goes_in_the_path_as_it_is()
    {
        await using var server = await LocalHttpServer.StartAsync((_, _) => Answer.Json(201, $$"""{"id":9001,"iid":12,"web_url":"{{MergeUrl}}"}"""));
        using var forge = Forge(server, "278964");

        await forge.OpenAsync(Draft, TestContext.Current.CancellationToken);

        server.Requests.Single().RawTarget.Should().Be("/api/v4/projects/278964/merge_requests");
    }

    [Theory]
    [InlineData(401, """{"message":"401 Unauthorized"}""", "the token from --forge-token-file /run/secrets/gitlab was refused (HTTP 401: 401 Unauthorized); check that it is valid, not expired and not revoked")]
    [InlineData(403, """{"message":"403 Forbidden"}""", "the token from --forge-token-file /run/secrets/gitlab may not open a merge request (HTTP 403: 403 Forbidden); it needs a project, group or personal access token with the api scope and at least the Developer role")]
    [InlineData(404, """{"message":"404 Project Not Found"}""", "not found (HTTP 404: 404 Project Not Found); check the repository name, the API URL, and that the token can see the repository")]
    public async Task A_refusal_of_the_configuration_is_one_line(int status, string body, string expected)
    {
        await using var server = await LocalHttpServer.StartAsync((_, _) => Answer.Json(status, body));
        using var forge = Forge(server);

        var act = () => forge.OpenAsync(Draft, TestContext.Current.CancellationToken);

        (await act.Should().ThrowAsync<StewardInputException>()).Which.Message.Should()
            .Be($"gitlab platform/governance at http://127.0.0.1:{server.Address.Port}/api/v4: {expected}");
        server.Requests.Should().HaveCount(1);
    }

    [Fact]
    public async Task Retries_a_429_with_Retry_After_then_a_500_then_opens()
    {
        await using var server = await LocalHttpServer.StartAsync((_, index) => index switch
        {
            0 => new Answer(429, """{"message":"Retry later"}""", new Dictionary<string, string> { ["Retry-After"] = "1" }),
            1 => Answer.Json(500, """{"message":"500 Internal Server Error"}"""),
            _ => Answer.Json(201, $$"""{"id":9001,"iid":12,"web_url":"{{MergeUrl}}"}"""),
        });
        using var forge = Forge(server);

        var opened = await forge.OpenAsync(Draft, TestContext.Current.CancellationToken);

        opened.Number.Should().Be(12);
        server.Requests.Should().HaveCount(3);
    }

    [Fact]
    public async Task A_validation_failure_quotes_GitLab_s_field_messages()
    {
        await using var server = await LocalHttpServer.StartAsync((_, _) => Answer.Json(400, """{"message":{"target_branch":["does not exist"]}}"""));
        using var forge = Forge(server);

        var act = () => forge.OpenAsync(Draft, TestContext.Current.CancellationToken);

        (await act.Should().ThrowAsync<Steward.Core.Http.RemoteServiceException>()).Which.Message.Should()
            .EndWith("could not open a merge request: HTTP 400: target_branch does not exist");
    }
}
