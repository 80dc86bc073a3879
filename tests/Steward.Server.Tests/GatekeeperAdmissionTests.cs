using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Steward.TestSupport;
using static Steward.TestSupport.AdmissionReviews;

namespace Steward.Server.Tests;

/// <summary>
/// The in-process server on a loopback port, serving a repository whose only policies are Gatekeeper's:
/// the ConstraintTemplate K8sRequiredLabels and two constraints on Namespaces, ns-must-have-owner
/// (deny, label owner) and ns-should-have-cost-center (warn, label cost-center).
/// </summary>
public sealed class GatekeeperAdmissionServer : IAsyncLifetime
{
    private const string Template = """
        apiVersion: templates.gatekeeper.sh/v1
        kind: ConstraintTemplate
        metadata:
          name: k8srequiredlabels
        spec:
          crd:
            spec:
              names:
                kind: K8sRequiredLabels
              validation:
                openAPIV3Schema:
                  type: object
                  properties:
                    labels: {type: array, items: {type: string}}
          targets:
            - target: admission.k8s.gatekeeper.sh
              rego: |
                package k8srequiredlabels

                violation[{"msg": msg}] {
                  label := input.parameters.labels[_]
                  not input.review.object.metadata.labels[label]
                  user := object.get(input.review, ["userInfo", "username"], "nobody")
                  msg := sprintf("%v %v must have label %v (%v by %v)", [input.review.kind.kind, input.review.name, label, input.review.operation, user])
                }
        """;

    private static string Constraint(string name, string action, string label) => $"""
        apiVersion: constraints.gatekeeper.sh/v1beta1
        kind: K8sRequiredLabels
        metadata:
          name: {name}
        spec:
          enforcementAction: {action}
          match:
            kinds: [{"{"}apiGroups: [""], kinds: [Namespace]{"}"}]
          parameters:
            labels: [{label}]
        """;

    private readonly TempFolder _repository = new();
    private WebApplication? _app;

    public HttpClient Client { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        _repository.Write("gatekeeper/required-labels.yaml", Template);
        _repository.Write("gatekeeper/ns-must-have-owner.yaml", Constraint("ns-must-have-owner", "deny", "owner"));
        _repository.Write("gatekeeper/ns-should-have-cost-center.yaml", Constraint("ns-should-have-cost-center", "warn", "cost-center"));
        _repository.Write("manifests/namespaces.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: risk\n  labels: {owner: risk-team, cost-center: cc-1}\n");
        _app = StewardServer.Build(new ServeOptions { Repository = _repository.Path, Listen = "127.0.0.1:0" }, _ => { });
        await _app.StartAsync();
        Client = new HttpClient { BaseAddress = new Uri(StewardServer.Addresses(_app).Single()) };
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        _repository.Dispose();
    }
}

/// <summary>
/// POST /admission/validate with AdmissionReviews of Namespaces as the API server sends them (user
/// kubernetes-admin): the served revision's constraints decide, with the violations' messages.
/// </summary>
public sealed class GatekeeperAdmissionTests(GatekeeperAdmissionServer server) : IClassFixture<GatekeeperAdmissionServer>
{
    private static JsonObject Namespace(string name, JsonObject labels) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Namespace",
        ["metadata"] = new JsonObject { ["name"] = name, ["labels"] = labels },
        ["spec"] = new JsonObject { ["finalizers"] = new JsonArray("kubernetes") },
    };

    private async Task<JsonNode> Admit(string review)
    {
        using var content = new StringContent(review, Encoding.UTF8, "application/json");
        using var response = await server.Client.PostAsync("/admission/validate", content, TestContext.Current.CancellationToken);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!["response"]!;
    }

    private static string Review(string operation, JsonObject ns, JsonObject? old = null) =>
        AdmissionReviews.Review(operation, ns, oldObject: old, group: "", kind: "Namespace", resource: "namespaces", ns: null, name: ns["metadata"]!["name"]!.GetValue<string>());

    [Fact]
    public async Task A_Namespace_without_the_denied_label_is_denied_with_the_constraints_message()
    {
        var response = await Admit(Review("CREATE", Namespace("payments", Labels(("cost-center", "cc-2")))));

        response["allowed"]!.GetValue<bool>().Should().BeFalse();
        response["status"]!["code"]!.GetValue<int>().Should().Be(403);
        // input.review as Gatekeeper's webhook builds it: kind, name, operation and userInfo of the request.
        response["status"]!["message"]!.GetValue<string>().Should().Be("[gatekeeper/K8sRequiredLabels/ns-must-have-owner] Namespace payments must have label owner (CREATE by kubernetes-admin)");
        response["warnings"].Should().BeNull();
    }

    [Fact]
    public async Task A_warn_constraint_allows_with_a_warning()
    {
        var response = await Admit(Review("UPDATE", Namespace("payments", Labels(("owner", "pay-team"))), old: Namespace("payments", Labels(("owner", "pay-team")))));

        response["allowed"]!.GetValue<bool>().Should().BeTrue();
        response["status"].Should().BeNull();
        response["warnings"]!.AsArray().Select(w => w!.GetValue<string>()).Should().Equal(
            "[gatekeeper/K8sRequiredLabels/ns-should-have-cost-center] Namespace payments must have label cost-center (UPDATE by kubernetes-admin)");
    }

    [Fact]
    public async Task A_Namespace_with_both_labels_is_allowed_without_warnings()
    {
        var response = await Admit(Review("CREATE", Namespace("payments", Labels(("owner", "pay-team"), ("cost-center", "cc-2")))));

        response["allowed"]!.GetValue<bool>().Should().BeTrue();
        response["warnings"].Should().BeNull();
    }
}
