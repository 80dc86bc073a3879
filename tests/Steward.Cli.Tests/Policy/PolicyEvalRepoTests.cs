using System.Text.Json;
using System.Text.Json.Nodes;
using Steward.TestSupport;

namespace Steward.Cli.Tests.Policy;

/// <summary>
/// End-to-end: <c>steward policy eval --repo examples/governance</c> gives a query the repository's
/// policies and data.steward as <c>steward check</c> does. Expected values are read off the example
/// repository's files (cited per value).
/// </summary>
public sealed class PolicyEvalRepoTests : IDisposable
{
    private static readonly string Example = RepositoryPaths.InRepository("examples", "governance");

    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    private static async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await StewardApp.RunAsync(args, stdout, stderr, TestContext.Current.CancellationToken);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private static JsonElement Bindings(string output)
    {
        using var doc = JsonDocument.Parse(output);
        return doc.RootElement.GetProperty("result")[0].GetProperty("bindings").Clone();
    }

    [Fact]
    public async Task Data_steward_is_the_repository_settings_models_budgets_monitors_and_inventory()
    {
        var (code, output, error) = await Run("policy", "eval", "--repo", Example,
            "approved := data.steward.settings.registries.approved; "
            + "versions := sort([v | data.steward.models[\"credit-scoring\"][v]]); "
            + "fairness := data.steward.models[\"credit-scoring\"][\"1.3.0\"].evaluation.fairness_score; "
            + "amount := data.steward.budgets.genai.amount; "
            + "monitors := sort([m | data.steward.monitors[m]]); "
            + "replicas := data.steward.inventory.namespace.risk[\"apps/v1\"].Deployment[\"credit-scoring\"].spec.replicas; "
            + "team := data.steward.inventory.cluster.v1.Namespace.risk.metadata.labels.team");

        error.Should().BeEmpty();
        code.Should().Be(0);
        var b = Bindings(output);
        // steward.yaml: registries.approved
        b.GetProperty("approved").EnumerateArray().Select(e => e.GetString()).Should().Equal("registry.example.com", "ghcr.io/example");
        // models/credit-scoring/1.2.0.yaml and 1.3.0.yaml; 1.3.0's evaluation.fairness_score
        b.GetProperty("versions").EnumerateArray().Select(e => e.GetString()).Should().Equal("1.2.0", "1.3.0");
        b.GetProperty("fairness").GetDouble().Should().Be(0.84);
        // budgets/teams.yaml: Budget genai, amount 2500
        b.GetProperty("amount").GetInt32().Should().Be(2500);
        // monitors/*.yaml
        b.GetProperty("monitors").EnumerateArray().Select(e => e.GetString()).Should().Equal("credit-scoring", "doc-embeddings", "support-chat");
        // manifests/risk/credit-scoring.yaml: Deployment risk/credit-scoring, replicas 3; Namespace risk, label team: risk
        b.GetProperty("replicas").GetInt32().Should().Be(3);
        b.GetProperty("team").GetString().Should().Be("risk");
    }

    [Fact]
    public async Task The_repositorys_policies_evaluate_an_input_against_its_data()
    {
        // The repository's credit-scoring Deployment with a CPU limit of 4 cores (policies/inference_resources.rego allows 2).
        var deployment = (JsonObject)JsonNode.Parse("""
            {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "credit-scoring", "namespace": "risk", "labels": {"app": "credit-scoring-ai"}},
             "spec": {"template": {"metadata": {"labels": {"steward.dev/model-version": "1.3.0"}},
                      "spec": {"containers": [{"name": "ai-inference-model", "resources": {"limits": {"cpu": "4"}}}]}}}}
            """)!;
        var input = _dir.Write("input.json", deployment.ToJsonString());

        var (code, output, error) = await Run("policy", "eval", "--repo", Example, "-i", input,
            "deny := data.kubernetes.admission.model_resources.deny; fairness := data.steward.credit_scoring.model.evaluation.fairness_score");

        error.Should().BeEmpty();
        code.Should().Be(0);
        var b = Bindings(output);
        b.GetProperty("deny").EnumerateArray().Select(e => e.GetString()).Should().Equal("Container 'ai-inference-model' for AI inference exceeds CPU limit (2000m).");
        // policies/credit_scoring.rego joins the input's model-version label (1.3.0) with the catalog: fairness_score 0.84.
        b.GetProperty("fairness").GetDouble().Should().Be(0.84);
    }

    [Fact]
    public async Task A_repository_that_does_not_exist_is_exit_2_naming_it()
    {
        var missing = _dir["no-such-repo"];
        var (code, _, error) = await Run("policy", "eval", "--repo", missing, "data.steward.settings");

        code.Should().Be(2);
        error.Should().Contain($"--repo {missing}: no such folder");
    }
}
