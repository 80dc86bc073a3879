using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Steward.TestSupport;
using static Steward.TestSupport.AdmissionReviews;

namespace Steward.Server.Tests;

/// <summary>
/// POST /admission/validate over real HTTP on a repository with a PolicyException: Deployment web
/// (namespace ml, within Budget ml) lacks CPU and memory limits, a resources error that denies; exception web-limits
/// covers it until 2026-12-31T00:00:00Z. The server's clock decides whether it still applies.
/// </summary>
public sealed class AdmissionExceptionTests : IDisposable
{
    private readonly TempFolder _repo = new();

    public AdmissionExceptionTests()
    {
        _repo.Write("steward.yaml", "apiVersion: steward.dev/v1alpha1\nkind: Settings\nregistries:\n  approved: [registry.example.com]\n");
        _repo.Write("manifests/namespace.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ml\n");
        _repo.Write("budgets/ml.yaml", "apiVersion: steward.dev/v1alpha1\nkind: Budget\nmetadata:\n  name: ml\nspec:\n  selector:\n    matchLabels: {team: ml}\n  amount: 1000\n");
        _repo.Write("exceptions/web-limits.yaml", """
            apiVersion: steward.dev/v1alpha1
            kind: PolicyException
            metadata:
              name: web-limits
            spec:
              rules: [resources]
              match: {namespaces: [ml], names: [web]}
              reason: limits land with the autoscaler rollout
              approver: platform-team
              expiresAt: 2026-12-31
            """);
    }

    public void Dispose() => _repo.Dispose();

    private static JsonObject Web() =>
        Deployment("web", "ml", Labels(("team", "ml"), ("cost-center", "cc-1")), Labels(("app", "web")), 1,
            Container("main", "registry.example.com/web:1@sha256:0000000000000000000000000000000000000000000000000000000000000000", cpuLimit: null, memoryLimit: null));

    private async Task<JsonNode> Admit(DateTimeOffset now)
    {
        var app = StewardServer.Build(new ServeOptions { Repository = _repo.Path, Listen = "127.0.0.1:0", Clock = new FixedClock(now) }, _ => { });
        await app.StartAsync(TestContext.Current.CancellationToken);
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri(StewardServer.Addresses(app).Single()) };
            using var content = new StringContent(Review("CREATE", Web(), ns: "ml", name: "web"), Encoding.UTF8, "application/json");
            using var response = await client.PostAsync("/admission/validate", content, TestContext.Current.CancellationToken);
            response.StatusCode.Should().Be(HttpStatusCode.OK);
            return JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!["response"]!;
        }
        finally
        {
            await app.StopAsync(TestContext.Current.CancellationToken);
            await app.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_deny_an_active_exception_suppresses_is_allowed_with_a_warning_naming_the_exception()
    {
        var response = await Admit(new DateTimeOffset(2026, 12, 2, 12, 0, 0, TimeSpan.Zero));

        response["allowed"]!.GetValue<bool>().Should().BeTrue();
        response["warnings"]!.AsArray().Select(w => w!.GetValue<string>()).Should().Equal(
            "[resources] container main of Deployment web lacks limits.cpu, limits.memory (suppressed by exception web-limits (approved by platform-team, expires 2026-12-31T00:00:00Z): limits land with the autoscaler rollout)");
    }

    [Fact]
    public async Task Once_the_exception_has_expired_the_same_object_is_denied()
    {
        var response = await Admit(new DateTimeOffset(2026, 12, 31, 0, 0, 0, TimeSpan.Zero));

        response["allowed"]!.GetValue<bool>().Should().BeFalse();
        response["status"]!["code"]!.GetValue<int>().Should().Be(403);
        response["status"]!["message"]!.GetValue<string>().Should().Be("[resources] container main of Deployment web lacks limits.cpu, limits.memory");
    }
}
