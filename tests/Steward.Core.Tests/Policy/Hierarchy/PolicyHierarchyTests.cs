using System.Text;
using System.Text.Json.Nodes;
using Steward.Core.Application;
using Steward.Core.Findings;
using Steward.Core.Governance;
using Steward.Core.Policy.Hierarchy;
using Steward.TestSupport;
using static Steward.Core.Tests.Policy.Exceptions.ExceptionFixtures;

namespace Steward.Core.Tests.Policy.Hierarchy;

/// <summary>
/// The policy hierarchy over the exceptions fixture (Deployment web in namespace ml, labels team=ml,
/// lacks limits: a resources error): steward.yaml's rules are the organisation's level, PolicySet ml
/// (team, namespace ml) and PolicySet web (project of ml, name web) the lower ones.
/// </summary>
public sealed class PolicyHierarchyTests
{
    private static string Set(string name, string level, string match, string rules, string? parent = null) =>
        $"apiVersion: steward.dev/v1alpha1\nkind: PolicySet\nmetadata:\n  name: {name}\nspec:\n  level: {level}\n" +
        (parent is null ? "" : $"  parent: {parent}\n") + $"  match: {{{match}}}\n  rules:\n" +
        string.Concat(rules.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => "    " + l + "\n"));

    private static Finding? Resources(Steward.Core.Policy.CheckResult result) => result.Findings.SingleOrDefault(f => f.RuleId == "resources");

    [Fact]
    public void A_team_relaxes_what_the_organisation_marks_overridable()
    {
        var result = CheckWith("rules:\n  resources: {overridable: true}\n", Now, ("teams/ml.yaml", Set("ml", "team", "namespaces: [ml]", "resources: {severity: warning}")));

        Resources(result)!.Severity.Should().Be(Severity.Warning);
        result.HasErrors.Should().BeFalse();
    }

    [Fact]
    public void A_team_relaxing_what_the_organisation_does_not_allow_is_a_conflict_naming_both_files_and_the_error_stands()
    {
        var result = CheckWith("rules:\n  resources: {severity: error}\n", Now, ("teams/ml.yaml", Set("ml", "team", "namespaces: [ml]", "resources: {severity: warning}")));

        Resources(result)!.Severity.Should().Be(Severity.Error);
        var conflict = result.Findings.Single(f => f.RuleId == PolicyHierarchy.ConflictRule);
        conflict.Severity.Should().Be(Severity.Error);
        // steward.yaml: the Settings head is 4 lines, rules: is line 5, resources' mapping at line 6 column 14; the set's at line 9 (after apiVersion, kind, metadata, name, spec, level, match, rules) column 16.
        conflict.Message.Should().Be("team PolicySet ml lowers resources to warning, which a level above (steward.yaml:6:14) does not mark overridable; the higher setting stands");
        (conflict.Subject.File, conflict.Subject.Line).Should().Be(("teams/ml.yaml", 9));
        conflict.Evidence["lower"].Should().Be("teams/ml.yaml:9:16");
    }

    [Fact]
    public void A_rule_the_organisation_does_not_name_cannot_be_relaxed()
    {
        var result = Check(Now, ("teams/ml.yaml", Set("ml", "team", "namespaces: [ml]", "resources: {enabled: false}")));

        Resources(result)!.Severity.Should().Be(Severity.Error);
        result.Findings.Single(f => f.RuleId == PolicyHierarchy.ConflictRule).Message.Should()
            .Be("team PolicySet ml disables resources, which a level above (steward.yaml) does not mark overridable; the higher setting stands");
    }

    [Fact]
    public void A_lower_level_may_always_tighten()
    {
        var result = Check(Now, ("teams/ml.yaml", Set("ml", "team", "namespaces: [ml]", "resources: {severity: critical}")));

        Resources(result)!.Severity.Should().Be(Severity.Critical);
        result.Findings.Should().NotContain(f => f.RuleId == PolicyHierarchy.ConflictRule);
    }

    [Theory]
    // The project may disable what both the organisation and the team allow.
    [InlineData("resources: {overridable: true}", "resources: {severity: error, overridable: true}", false, false)]
    // The team keeps the rule and does not let projects relax it: the project's relaxation is refused.
    [InlineData("resources: {overridable: true}", "resources: {severity: error}", true, true)]
    // The team cannot hand down a relaxation the organisation forbids.
    [InlineData("resources: {severity: error}", "resources: {severity: error, overridable: true}", true, true)]
    public void A_project_relaxes_only_what_every_level_above_allows(string org, string team, bool kept, bool conflict)
    {
        var result = CheckWith("rules:\n  " + org + "\n", Now,
            ("teams/ml.yaml", Set("ml", "team", "namespaces: [ml]", team)),
            ("teams/ml/web.yaml", Set("web", "project", "names: [web]", "resources: {enabled: false}", parent: "ml")));

        (Resources(result) is not null).Should().Be(kept);
        result.Findings.Any(f => f.RuleId == PolicyHierarchy.ConflictRule && f.Subject.File == "teams/ml/web.yaml").Should().Be(conflict);
    }

    [Fact]
    public void A_set_that_does_not_match_the_subject_leaves_it_alone()
    {
        var result = CheckWith("rules:\n  resources: {overridable: true}\n", Now, ("teams/risk.yaml", Set("risk", "team", "labelSelector: {matchLabels: {team: risk}}", "resources: {enabled: false}")));

        Resources(result)!.Severity.Should().Be(Severity.Error);
    }

    [Fact]
    public void A_Rego_package_is_set_by_its_rule_id_prefix_and_admission_applies_the_same_levels()
    {
        using var repo = Steward.Core.Tests.Governance.RepositoryFixtures.Repository(
            ("steward.yaml", SettingsYaml + "rules:\n  policy/main: {overridable: true}\n  resources: {overridable: true}\n"),
            ("models/fraud.yaml", Steward.Core.Tests.Governance.RepositoryFixtures.Model("fraud", "2.0")),
            ("budgets/ml.yaml", Steward.Core.Tests.Governance.RepositoryFixtures.Budget("ml", "ml", 1000)),
            ("manifests/web.yaml", Web),
            ("policies/main.rego", "package main\n\ndeny contains msg if {\n    input.kind == \"Deployment\"\n    msg := \"no\"\n}\n"),
            ("teams/ml.yaml", Set("ml", "team", "namespaces: [ml]", "policy/main: {enabled: false}\nresources: {severity: warning}")));
        var app = new StewardApplication(new ApplicationOptions { Clock = new FixedClock(Now) });
        var repository = RepositoryLoader.LoadFolder(repo.Path);

        var check = app.Check.Check(repository, cancellationToken: TestContext.Current.CancellationToken);
        var web = (JsonObject)repository.Manifests.Single().Json.DeepClone();
        var admission = app.Admit(app.PrepareAdmission(repository), Encoding.UTF8.GetBytes(AdmissionReviews.Review("CREATE", web, ns: "ml", name: "web")), TestContext.Current.CancellationToken);

        check.Findings.Select(f => $"{f.RuleId}:{f.Severity}").Should().Equal("resources:Warning");
        admission.Decision.Findings.Select(f => $"{f.Finding.RuleId}:{f.Finding.Severity}").Should().Equal("resources:Warning");
        admission.Decision.Allowed.Should().BeTrue();
    }

    [Theory]
    [InlineData("  level: org\n", "teams/bad.yaml:6:10: spec.level: expected team or project, got \"org\" (the organisation's level is steward.yaml)")]
    [InlineData("  level: project\n", "teams/bad.yaml:6:3: spec.parent: a project PolicySet names its team's PolicySet")]
    [InlineData("  level: project\n  parent: nobody\n", "teams/bad.yaml:7:11: spec.parent: no team PolicySet named \"nobody\"")]
    public void A_malformed_PolicySet_is_an_input_error_naming_file_line_and_field(string spec, string message)
    {
        using var repo = Steward.Core.Tests.Governance.RepositoryFixtures.Repository(("steward.yaml", SettingsYaml), ("manifests/web.yaml", Web),
            ("teams/bad.yaml", "apiVersion: steward.dev/v1alpha1\nkind: PolicySet\nmetadata:\n  name: bad\nspec:\n" + spec));

        var act = () => RepositoryLoader.LoadFolder(repo.Path);

        act.Should().Throw<StewardInputException>().WithMessage(message);
    }
}
