using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Steward.Server.Metrics;
using Steward.TestSupport;
using static Steward.TestSupport.AdmissionReviews;

namespace Steward.Server.Tests;

/// <summary>The in-process server on a loopback port, serving examples/governance, for the admission tests.</summary>
public sealed class AdmissionServer : IAsyncLifetime
{
    private WebApplication? _app;

    public HttpClient Client { get; private set; } = null!;

    /// <summary>The admission metrics of this server's own registry.</summary>
    public AdmissionMetrics Metrics { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        _app = StewardServer.Build(new ServeOptions { Repository = RepositoryPaths.InRepository("examples", "governance"), Listen = "127.0.0.1:0" }, _ => { });
        await _app.StartAsync();
        Client = new HttpClient { BaseAddress = new Uri(StewardServer.Addresses(_app).Single()) };
        Metrics = _app.Services.GetRequiredService<AdmissionMetrics>();
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}

/// <summary>
/// POST /admission/validate over real HTTP, with AdmissionReview documents as the API server sends
/// them, against the example repository: registries registry.example.com and ghcr.io/example
/// approved, cost labels team and cost-center, and the policy
/// policies/inference_resources.rego (a container named ai-inference-model may not ask for more
/// than 2 CPU cores).
/// </summary>
public sealed class AdmissionEndpointTests(AdmissionServer server) : IClassFixture<AdmissionServer>
{
    private const string CreditScoringImage = "registry.example.com/risk/credit-scoring:1.3.0@sha256:3f5a9c0e1b2d4f6a8c0e2b4d6f8a0c2e4b6d8f0a2c4e6b8d0f2a4c6e8b0d2f4a";

    /// <summary>The repository's credit-scoring Deployment (manifests/risk/credit-scoring.yaml) with the CPU limit given.</summary>
    private static JsonObject CreditScoring(string cpuLimit) =>
        AdmissionReviews.Deployment("credit-scoring", "risk",
            Labels(("app", "credit-scoring-ai"), ("team", "risk"), ("cost-center", "cc-1001"), ("app.kubernetes.io/managed-by", "steward")),
            Labels(("app", "credit-scoring-ai"), ("team", "risk"), ("cost-center", "cc-1001"), ("steward.dev/model", "credit-scoring"), ("steward.dev/model-version", "1.3.0")),
            3, Container("ai-inference-model", CreditScoringImage, cpuLimit: cpuLimit));

    private async Task<(HttpStatusCode Status, string Body)> Post(string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await server.Client.PostAsync("/admission/validate", content, TestContext.Current.CancellationToken);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    private static JsonNode Response(string body)
    {
        var review = JsonNode.Parse(body)!;
        review["apiVersion"]!.GetValue<string>().Should().Be("admission.k8s.io/v1");
        review["kind"]!.GetValue<string>().Should().Be("AdmissionReview");
        return review["response"]!;
    }

    [Fact]
    public async Task A_Deployment_over_the_policys_CPU_limit_is_denied_with_the_policy_message()
    {
        var before = server.Metrics.Requests.WithLabels("CREATE", "Deployment", "denied").Value;

        var (status, body) = await Post(Review("CREATE", CreditScoring(cpuLimit: "4"), ns: "risk", name: "credit-scoring", uid: "e911857d-c318-11e8-bbad-025000000001"));

        status.Should().Be(HttpStatusCode.OK);
        var response = Response(body);
        response["uid"]!.GetValue<string>().Should().Be("e911857d-c318-11e8-bbad-025000000001");
        response["allowed"]!.GetValue<bool>().Should().BeFalse();
        response["status"]!["code"]!.GetValue<int>().Should().Be(403);
        response["status"]!["message"]!.GetValue<string>().Should().Be("[policy/kubernetes/admission/model_resources/deny] Container 'ai-inference-model' for AI inference exceeds CPU limit (2000m).");
        server.Metrics.Requests.WithLabels("CREATE", "Deployment", "denied").Value.Should().Be(before + 1);
    }

    [Fact]
    public async Task The_same_Deployment_within_the_limit_is_allowed_on_UPDATE_and_as_a_dry_run()
    {
        var (status, body) = await Post(Review("UPDATE", CreditScoring(cpuLimit: "2"), oldObject: CreditScoring(cpuLimit: "1"), ns: "risk", name: "credit-scoring", dryRun: true));

        status.Should().Be(HttpStatusCode.OK);
        var response = Response(body);
        response["uid"]!.GetValue<string>().Should().Be(Uid);
        response["allowed"]!.GetValue<bool>().Should().BeTrue();
        response["status"].Should().BeNull();
        response["warnings"].Should().BeNull();
    }

    [Fact]
    public async Task A_DELETE_is_allowed()
    {
        var (status, body) = await Post(Review("DELETE", obj: null, oldObject: CreditScoring(cpuLimit: "4"), ns: "risk", name: "credit-scoring"));

        status.Should().Be(HttpStatusCode.OK);
        Response(body)["allowed"]!.GetValue<bool>().Should().BeTrue();
    }

    [Fact]
    public async Task A_Pod_from_an_unapproved_registry_is_denied_and_warned_of_its_tag()
    {
        var pod = AdmissionReviews.Pod("debug", "risk", Labels(("team", "risk"), ("cost-center", "cc-1001")), Container("shell", "docker.io/library/busybox:1.36"));

        var (_, body) = await Post(Review("CREATE", pod, group: "", kind: "Pod", resource: "pods", ns: "risk", name: "debug"));

        var response = Response(body);
        response["allowed"]!.GetValue<bool>().Should().BeFalse();
        response["status"]!["message"]!.GetValue<string>().Should().Be("[image-registry] image docker.io/library/busybox:1.36 of container shell is not from an approved registry");
        response["warnings"]!.AsArray().Select(w => w!.GetValue<string>()).Should().Equal("[image-digest] image docker.io/library/busybox:1.36 of container shell is not pinned by digest");
    }

    [Fact]
    public async Task An_unknown_custom_resource_without_a_matching_policy_is_allowed()
    {
        var obj = new JsonObject
        {
            ["apiVersion"] = "serving.kserve.io/v1beta1",
            ["kind"] = "InferenceService",
            ["metadata"] = new JsonObject { ["name"] = "fraud", ["namespace"] = "risk" },
            ["spec"] = new JsonObject { ["predictor"] = new JsonObject { ["model"] = new JsonObject { ["storageUri"] = "s3://models/fraud/" } } },
        };

        var (status, body) = await Post(Review("CREATE", obj, group: "serving.kserve.io", version: "v1beta1", kind: "InferenceService", resource: "inferenceservices", ns: "risk", name: "fraud"));

        status.Should().Be(HttpStatusCode.OK);
        Response(body)["allowed"]!.GetValue<bool>().Should().BeTrue();
    }

    [Fact]
    public async Task A_body_that_is_not_an_AdmissionReview_is_a_400_that_says_why()
    {
        var (status, body) = await Post("""{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"}}""");

        status.Should().Be(HttpStatusCode.BadRequest);
        body.Should().Be("not an AdmissionReview: expected apiVersion admission.k8s.io/v1 and kind AdmissionReview, got v1 Pod\n");
    }
}
