using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Steward.TestSupport;
using static Steward.TestSupport.AdmissionReviews;

namespace Steward.Server.Tests;

/// <summary>
/// Admission with the server's store: the open monitor breaches of the deployed model version join
/// the review's findings, as <c>steward check --store</c> adds them, so that a model breaching its
/// thresholds cannot be (re)deployed while CI would fail on it.
/// </summary>
public sealed class AdmissionBreachTests
{
    private static readonly string Example = RepositoryPaths.InRepository("examples", "governance");

    private const string CreditScoringImage = "registry.example.com/risk/credit-scoring:1.3.0@sha256:3f5a9c0e1b2d4f6a8c0e2b4d6f8a0c2e4b6d8f0a2c4e6b8d0f2a4c6e8b0d2f4a";

    /// <summary>The repository's credit-scoring Deployment (manifests/risk/credit-scoring.yaml), within the policy's CPU limit.</summary>
    private static JsonObject CreditScoring() =>
        Deployment("credit-scoring", "risk",
            Labels(("app", "credit-scoring-ai"), ("team", "risk"), ("cost-center", "cc-1001"), ("app.kubernetes.io/managed-by", "steward")),
            Labels(("app", "credit-scoring-ai"), ("team", "risk"), ("cost-center", "cc-1001"), ("steward.dev/model", "credit-scoring"), ("steward.dev/model-version", "1.3.0")),
            3, Container("ai-inference-model", CreditScoringImage, cpuLimit: "2"));

    [Fact]
    public async Task The_open_breaches_of_the_deployed_model_version_deny_it_as_check_store_fails_it()
    {
        using var folder = new TempFolder();
        var store = folder["store/steward.duckdb"];

        // Without a store the same Deployment is allowed (AdmissionEndpointTests).
        var (before, _) = await Review(Example, store);
        before["allowed"]!.GetValue<bool>().Should().BeTrue();

        (await Cli("ingest", "inferences", "--model", "credit-scoring", "--version", "1.3.0",
            RepositoryPaths.InRepository("examples", "inference-logs", "credit-scoring.csv"), "--store", store)).Should().Be(0);
        (await Cli("monitor", "run", Example, "--store", store, "--format", "json")).Should().Be(1);

        var (after, _) = await Review(Example, store);
        after["allowed"]!.GetValue<bool>().Should().BeFalse();
        after["status"]!["code"]!.GetValue<int>().Should().Be(403);
        // The three breaches of credit-scoring 1.3.0's latest window (tests/Steward.Cli.Tests/GitOps/MonitorRemediationTests.cs), in rule order.
        var message = after["status"]!["message"]!.GetValue<string>();
        var rules = message.Split('\n').Select(l => l[(l.IndexOf('[') + 1)..l.IndexOf(']')]).ToList();
        rules.Should().Equal("monitor/accuracy", "monitor/demographic_parity_ratio", "monitor/drift_share");
    }

    private static async Task<(JsonNode Response, HttpStatusCode Status)> Review(string repository, string store)
    {
        await using var app = StewardServer.Build(new ServeOptions { Repository = repository, Listen = "127.0.0.1:0", Store = store }, _ => { });
        await app.StartAsync(TestContext.Current.CancellationToken);
        using var client = new HttpClient { BaseAddress = new Uri(StewardServer.Addresses(app).Single()) };
        using var content = new StringContent(AdmissionReviews.Review("CREATE", CreditScoring(), ns: "risk", name: "credit-scoring"), Encoding.UTF8, "application/json");
        using var answer = await client.PostAsync("/admission/validate", content, TestContext.Current.CancellationToken);
        var body = await answer.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        await app.StopAsync(TestContext.Current.CancellationToken);
        return (JsonNode.Parse(body)!["response"]!, answer.StatusCode);
    }

    private static async Task<int> Cli(params string[] args) => (await ServerTestSupport.RunCliAsync(args)).Code;
}
