using Steward.Core.Governance;
using Steward.Core.Governance.Kinds;
using static Steward.Core.Tests.Governance.RepositoryFixtures;

namespace Steward.Core.Tests.Governance;

public class RepositoryLoaderTests
{
    [Fact]
    public void Loads_every_kind_with_file_line_and_column()
    {
        using var repo = Repository(
            ("steward.yaml", "apiVersion: steward.dev/v1alpha1\nkind: Settings\nlabels: {costAllocation: [team]}\n"),
            ("manifests/app.yaml", "# comment\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\n" + Deployment("web")),
            ("models/m.yaml", Model("m", "1.0.0")),
            ("budgets/b.yaml", Budget("risk", "risk", 100)),
            ("monitors/m.yaml", "apiVersion: steward.dev/v1alpha1\nkind: Monitor\nmetadata: {name: mon}\nspec: {model: m, metrics: {drift_share: {max: 0.3}}}\n"),
            ("policies/p.rego", "package x\n"),
            ("README.md", "not loaded"));

        var loaded = RepositoryLoader.LoadFolder(repo.Path);

        loaded.Manifests.Select(m => (m.Kind, m.Name, m.File, m.Location.Line, m.Location.Column))
            .Should().Equal(("ConfigMap", "a", "manifests/app.yaml", 2, 1), ("Deployment", "web", "manifests/app.yaml", 6, 1));
        loaded.Settings.CostAllocationLabels.Should().Equal("team");
        loaded.Models.Should().ContainSingle().Which.Key.Should().Be("m@1.0.0");
        loaded.Models[0].Evaluation["accuracy"].Should().Be(0.9m);
        loaded.Budgets.Should().ContainSingle().Which.Amount.Should().Be(100m);
        loaded.Monitors.Should().ContainSingle().Which.Metrics["drift_share"].Max.Should().Be(0.3m);
        loaded.Policies.Should().ContainSingle().Which.Path.Should().Be("policies/p.rego");
    }

    [Theory]
    [InlineData(10)]
    [InlineData(130)]
    public void Small_and_large_repositories_load_their_files_in_path_order(int files)
    {
        // Below 64 files they are read in sequence, from 64 on in parallel: the same objects in the same order either way.
        using var repo = Repository([.. Enumerable.Range(0, files).Select(i => ($"manifests/d{i:000}.yaml", Deployment($"d{i:000}")))]);

        var loaded = RepositoryLoader.LoadFolder(repo.Path);

        loaded.Manifests.Select(m => (m.Name, m.File, m.Location.Line))
            .Should().Equal(Enumerable.Range(0, files).Select(i => ($"d{i:000}", $"manifests/d{i:000}.yaml", 1)));
    }

    [Fact]
    public void Settings_are_optional_and_every_field_has_its_default()
    {
        using var repo = Repository(("manifests/a.yaml", Deployment("web")));

        var settings = RepositoryLoader.LoadFolder(repo.Path).Settings;

        settings.ModelLabel.Should().Be("steward.dev/model");
        settings.ModelVersionLabel.Should().Be("steward.dev/model-version");
        settings.CostAllocationLabels.Should().Equal("team", "cost-center");
        settings.CpuCoreHour.Should().Be(0.031611m);
        settings.MemoryGiBHour.Should().Be(0.004237m);
        settings.GpuHour.Should().Be(0.95m);
        settings.ApprovedRegistries.Should().BeEmpty();
        settings.AllowedLicenses.Should().BeEmpty();
        settings.Evaluation.Should().BeEmpty();
    }

    [Fact]
    public void Malformed_yaml_names_file_line_and_column()
    {
        using var repo = Repository(("manifests/bad.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [unclosed\n"));

        var act = () => RepositoryLoader.LoadFolder(repo.Path);

        act.Should().Throw<StewardInputException>().Which.Message.Should().StartWith("manifests/bad.yaml:").And.Contain("invalid YAML");
    }

    [Fact]
    public void Unknown_steward_kind_is_rejected_with_its_location()
    {
        using var repo = Repository(("models/x.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ok}\n---\napiVersion: steward.dev/v1alpha1\nkind: ModelVersoin\nmetadata: {name: x}\n"));

        var act = () => RepositoryLoader.LoadFolder(repo.Path);

        act.Should().Throw<StewardInputException>().WithMessage("models/x.yaml:6:7: kind: unknown steward.dev/v1alpha1 kind \"ModelVersoin\"*");
    }

    [Fact]
    public void Wrong_field_type_names_the_field_path_and_line()
    {
        using var repo = Repository(("budgets/b.yaml", "apiVersion: steward.dev/v1alpha1\nkind: Budget\nmetadata: {name: b}\nspec:\n  amount: lots\n"));

        var act = () => RepositoryLoader.LoadFolder(repo.Path);

        act.Should().Throw<StewardInputException>().WithMessage("budgets/b.yaml:5:11: spec.amount: expected a number, got \"lots\"");
    }

    [Fact]
    public void Missing_required_field_is_named()
    {
        using var repo = Repository(("models/m.yaml", "apiVersion: steward.dev/v1alpha1\nkind: ModelVersion\nmetadata: {name: m}\nspec:\n  model: m\n"));

        var act = () => RepositoryLoader.LoadFolder(repo.Path);

        act.Should().Throw<StewardInputException>().WithMessage("models/m.yaml:5:3: spec.version: required field is missing");
    }

    [Fact]
    public void Wrong_type_in_settings_is_named()
    {
        using var repo = Repository(("steward.yaml", "apiVersion: steward.dev/v1alpha1\nkind: Settings\nprices:\n  gpuHour: [1]\n"));

        var act = () => RepositoryLoader.LoadFolder(repo.Path);

        act.Should().Throw<StewardInputException>().WithMessage("steward.yaml:4:12: prices.gpuHour: expected a number, got a list");
    }

    [Fact]
    public void Risk_cost_of_an_alignment_finding_is_read_and_must_not_be_negative()
    {
        using (var repo = Repository(("steward.yaml", "apiVersion: steward.dev/v1alpha1\nkind: Settings\nrisk:\n  alignmentFindingCostUsd: 250.5\n")))
            RepositoryLoader.LoadFolder(repo.Path).Settings.AlignmentFindingCostUsd.Should().Be(250.5m);
        using (var repo = Repository(("steward.yaml", "apiVersion: steward.dev/v1alpha1\nkind: Settings\n")))
            RepositoryLoader.LoadFolder(repo.Path).Settings.AlignmentFindingCostUsd.Should().Be(0m);
        using var negative = Repository(("steward.yaml", "apiVersion: steward.dev/v1alpha1\nkind: Settings\nrisk:\n  alignmentFindingCostUsd: -1\n"));

        var act = () => RepositoryLoader.LoadFolder(negative.Path);

        act.Should().Throw<StewardInputException>().WithMessage("steward.yaml:4:28: risk.alignmentFindingCostUsd: must not be negative");
    }

    [Fact]
    public void Custom_resources_of_other_groups_are_kept_not_rejected()
    {
        using var repo = Repository(("manifests/crd.yaml", "apiVersion: keda.sh/v1alpha1\nkind: ScaledObject\nmetadata: {name: s, namespace: n}\nspec: {minReplicaCount: 2}\n"));

        var loaded = RepositoryLoader.LoadFolder(repo.Path);

        loaded.Manifests.Should().ContainSingle().Which.Json["spec"]!["minReplicaCount"]!.GetValue<decimal>().Should().Be(2m);
    }

    [Fact]
    public void Kubernetes_lists_are_unpacked_with_item_positions()
    {
        using var repo = Repository(("manifests/list.yaml", "apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: ConfigMap\n    metadata: {name: a}\n  - apiVersion: v1\n    kind: ConfigMap\n    metadata: {name: b}\n"));

        var loaded = RepositoryLoader.LoadFolder(repo.Path);

        loaded.Manifests.Select(m => (m.Name, m.Location.Line)).Should().Equal(("a", 4), ("b", 7));
    }

    [Fact]
    public void Duplicate_model_versions_name_both_places()
    {
        using var repo = Repository(("models/a.yaml", Model("m", "1.0.0")), ("models/b.yaml", Model("m", "1.0.0")));

        var act = () => RepositoryLoader.LoadFolder(repo.Path);

        act.Should().Throw<StewardInputException>().WithMessage("models/b.yaml:1:1: duplicate ModelVersion \"m@1.0.0\" (first defined at models/a.yaml:1:1)");
    }

    [Fact]
    public void Missing_folder_is_an_input_error()
    {
        var act = () => RepositoryLoader.LoadFolder("/nonexistent/steward-repo");

        act.Should().Throw<StewardInputException>().WithMessage("*repository folder not found");
    }

    [Fact]
    public void Yaml_scalars_resolve_by_the_core_schema()
    {
        using var repo = Repository(("manifests/c.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {a: 1.50, b: \"1\", c: true, d: null, e: 1e3, f: 0x10, g: text, h: '2'}\n"));

        var json = RepositoryLoader.LoadFolder(repo.Path).Manifests[0].Json["data"]!.ToJsonString();

        json.Should().Be("{\"a\":1.50,\"b\":\"1\",\"c\":true,\"d\":null,\"e\":1000,\"f\":16,\"g\":\"text\",\"h\":\"2\"}");
    }

    [Fact]
    public void Budget_defaults_and_period()
    {
        using var repo = Repository(("budgets/b.yaml", Budget("s", "search", 1200, "  period: quarterly")));

        var budget = RepositoryLoader.LoadFolder(repo.Path).Budgets[0];

        budget.Currency.Should().Be("USD");
        budget.Thresholds.Should().Equal(0.8m, 1.0m);
        budget.Action.Should().Be(BudgetAction.Notify);
        budget.MonthlyAmount.Should().Be(400m);
    }

    [Fact]
    public void Unknown_budget_action_lists_the_allowed_values()
    {
        using var repo = Repository(("budgets/b.yaml", Budget("s", "search", 10, "  action: explode")));

        var act = () => RepositoryLoader.LoadFolder(repo.Path);

        act.Should().Throw<StewardInputException>().WithMessage("budgets/b.yaml:10:11: spec.action: unknown value \"explode\" (expected one of notify, block)");
    }
}
