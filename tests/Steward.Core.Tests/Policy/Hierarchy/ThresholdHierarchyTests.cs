using System.Text;
using System.Text.Json.Nodes;
using Steward.Core.Application;
using Steward.Core.Findings;
using Steward.Core.Governance;
using Steward.Core.Governance.Kinds;
using Steward.Core.Policy;
using Steward.Core.Policy.Hierarchy;
using Steward.TestSupport;
using static Steward.Core.Tests.Governance.RepositoryFixtures;
using static Steward.Core.Tests.Policy.Exceptions.ExceptionFixtures;

namespace Steward.Core.Tests.Policy.Hierarchy;

/// <summary>
/// Evaluation thresholds per level: ModelVersion fraud 2.0 has accuracy 0.9 (fairness_score 0.85) and
/// is deployed by Deployment web (namespace ml, team PolicySet ml) and, where a test adds it, by
/// Deployment scorer in namespace risk (no PolicySet). Each verdict is a comparison of 0.9 with a bound.
/// </summary>
public sealed class ThresholdHierarchyTests
{
    private static string Set(string name, string level, string match, string evaluation, string? parent = null) =>
        $"apiVersion: steward.dev/v1alpha1\nkind: PolicySet\nmetadata:\n  name: {name}\nspec:\n  level: {level}\n" +
        (parent is null ? "" : $"  parent: {parent}\n") + $"  match: {{{match}}}\n  evaluation:\n" +
        string.Concat(evaluation.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => "    " + l + "\n"));

    private static string Scorer => Deployment("scorer", team: "risk", ns: "risk", model: "fraud", version: "2.0");

    private static TempFolder Repo(string evaluation, params (string, string)[] files) =>
        Repository([("steward.yaml", SettingsYaml + evaluation), ("models/fraud.yaml", Model("fraud", "2.0")), ("budgets/ml.yaml", Budget("ml", "ml", 1000)),
            ("manifests/web.yaml", Deployment("web", team: "ml", ns: "ml", model: "fraud", version: "2.0")), .. files]);

    private static CheckResult Run(TempFolder repo) =>
        new CheckRunner(clock: new FixedClock(Now)).Run(RepositoryLoader.LoadFolder(repo.Path), cancellationToken: TestContext.Current.CancellationToken);

    private static List<Finding> Of(CheckResult result, string rule) => [.. result.Findings.Where(f => f.RuleId == rule)];

    [Fact]
    public void A_team_tightens_the_organisation_threshold_for_the_models_its_workloads_deploy()
    {
        using var repo = Repo("evaluation:\n  accuracy: {min: 0.8}\n", ("teams/ml.yaml", Set("ml", "team", "namespaces: [ml]", "accuracy: {min: 0.95}")));

        var result = Run(repo);

        // 0.9 meets the organisation's ≥ 0.8 but not the team's ≥ 0.95.
        var finding = Of(result, "model-evaluation").Single();
        finding.Message.Should().Be("ModelVersion fraud@2.0 (deployed by Deployment/web): accuracy 0.9 is not ≥ 0.95 (team PolicySet ml)");
        finding.Evidence["thresholdSource"].Should().Be("teams/ml.yaml:9:15");
        Of(result, PolicyHierarchy.ConflictRule).Should().BeEmpty();
    }

    [Fact]
    public void A_team_may_add_a_threshold_the_organisation_does_not_set()
    {
        using var repo = Repo("", ("teams/ml.yaml", Set("ml", "team", "namespaces: [ml]", "fairness_score: {min: 0.9}")));

        Of(Run(repo), "model-evaluation").Single().Message.Should().Be("ModelVersion fraud@2.0 (deployed by Deployment/web): fairness_score 0.85 is not ≥ 0.9 (team PolicySet ml)");
    }

    [Fact]
    public void A_loosening_the_organisation_does_not_allow_is_a_conflict_naming_both_files_and_the_higher_threshold_stands()
    {
        using var repo = Repo("evaluation:\n  accuracy: {min: 0.95}\n", ("teams/ml.yaml", Set("ml", "team", "namespaces: [ml]", "accuracy: {min: 0.85}")));

        var result = Run(repo);

        Of(result, "model-evaluation").Single().Message.Should().Be("ModelVersion fraud@2.0 (deployed by Deployment/web): accuracy 0.9 is not ≥ 0.95");
        var conflict = Of(result, PolicyHierarchy.ConflictRule).Single();
        // steward.yaml: the Settings head is 4 lines, evaluation: line 5, accuracy's mapping line 6 column 13; the set's at line 9 column 15.
        conflict.Message.Should().Be("team PolicySet ml loosens the accuracy threshold to ≥ 0.85, which a level above (steward.yaml:6:13) does not mark overridable; ≥ 0.95 stands");
        (conflict.Subject.File, conflict.Subject.Line, conflict.Severity).Should().Be(("teams/ml.yaml", 9, Severity.Error));
        conflict.Evidence["lower"].Should().Be("teams/ml.yaml:9:15");
        result.HasErrors.Should().BeTrue();
    }

    [Fact]
    public void A_team_loosens_what_the_organisation_marks_overridable()
    {
        using var repo = Repo("evaluation:\n  accuracy: {min: 0.95, overridable: true}\n", ("teams/ml.yaml", Set("ml", "team", "namespaces: [ml]", "accuracy: {min: 0.85}")));

        var result = Run(repo);

        Of(result, "model-evaluation").Should().BeEmpty();
        Of(result, PolicyHierarchy.ConflictRule).Should().BeEmpty();
    }

    [Theory]
    // The team tightens to 0.92 and does not let projects loosen it: the project's 0.85 is refused, 0.9 < 0.92 fails.
    [InlineData("accuracy: {min: 0.92}", true, true)]
    // The team marks its own threshold overridable and the organisation allows it: the project's 0.85 holds, 0.9 passes.
    [InlineData("accuracy: {min: 0.92, overridable: true}", false, false)]
    public void A_project_loosens_only_what_every_level_above_allows(string team, bool fails, bool conflict)
    {
        using var repo = Repo("evaluation:\n  accuracy: {min: 0.8, overridable: true}\n",
            ("teams/ml.yaml", Set("ml", "team", "namespaces: [ml]", team)),
            ("teams/ml/web.yaml", Set("web", "project", "names: [web]", "accuracy: {min: 0.85}", parent: "ml")));

        var result = Run(repo);

        (Of(result, "model-evaluation").Count == 1).Should().Be(fails);
        Of(result, PolicyHierarchy.ConflictRule).Any(f => f.Subject.File == "teams/ml/web.yaml" && f.Message.Contains("(teams/ml.yaml:9:15)", StringComparison.Ordinal)).Should().Be(conflict);
    }

    [Fact]
    public void A_max_bound_tightens_downwards_and_an_unset_bound_is_inherited()
    {
        // The organisation wants accuracy between 0.8 and 1; the team lowers the max to 0.88, below 0.9.
        using var repo = Repo("evaluation:\n  accuracy: {min: 0.8, max: 1}\n", ("teams/ml.yaml", Set("ml", "team", "namespaces: [ml]", "accuracy: {max: 0.88}")));

        Of(Run(repo), "model-evaluation").Single().Message.Should().Be("ModelVersion fraud@2.0 (deployed by Deployment/web): accuracy 0.9 is not between 0.8 and 0.88 (team PolicySet ml)");
    }

    [Fact]
    public void Workloads_under_different_sets_are_judged_apart_in_check_and_at_admission()
    {
        using var repo = Repo("evaluation:\n  accuracy: {min: 0.8}\n", ("manifests/scorer.yaml", Scorer),
            ("budgets/risk.yaml", Budget("risk", "risk", 1000)),
            ("teams/ml.yaml", Set("ml", "team", "namespaces: [ml]", "accuracy: {min: 0.95}")));
        var app = new StewardApplication(new ApplicationOptions { Clock = new FixedClock(Now) });
        var repository = RepositoryLoader.LoadFolder(repo.Path);
        var revision = app.PrepareAdmission(repository);
        string Admit(string file, string ns, string name)
        {
            var obj = (JsonObject)repository.Manifests.Single(m => m.File == file).Json.DeepClone();
            var answer = app.Admit(revision, Encoding.UTF8.GetBytes(AdmissionReviews.Review("CREATE", obj, ns: ns, name: name)), TestContext.Current.CancellationToken);
            return (answer.Decision.Allowed ? "allowed" : "denied") + string.Concat(answer.Decision.Findings.Select(f => " " + f.Finding.RuleId));
        }

        var check = app.Check.Check(repository, cancellationToken: TestContext.Current.CancellationToken);

        // scorer (no set, ≥ 0.8) passes; web (team ml, ≥ 0.95) fails.
        Of(check, "model-evaluation").Select(f => f.Message).Should().Equal("ModelVersion fraud@2.0 (deployed by Deployment/web): accuracy 0.9 is not ≥ 0.95 (team PolicySet ml)");
        Admit("manifests/web.yaml", "ml", "web").Should().Be("denied model-evaluation");
        Admit("manifests/scorer.yaml", "risk", "scorer").Should().Be("allowed");
    }

    [Fact]
    public void Resolve_says_which_level_set_each_threshold()
    {
        using var repo = Repo("evaluation:\n  accuracy: {min: 0.8}\n  fairness_score: {min: 0.8}\n", ("teams/ml.yaml", Set("ml", "team", "namespaces: [ml]", "accuracy: {min: 0.95}")));
        var repository = RepositoryLoader.LoadFolder(repo.Path);
        var hierarchy = ThresholdHierarchy.For(repository);
        var web = repository.Manifests.Single();
        var chain = hierarchy.Chain(new Subject { File = web.File, Kind = web.Kind, Name = web.Name, Namespace = web.Namespace }, new(web.Labels, "fraud", "2.0"));
        var steps = new List<ThresholdStep>();

        var effective = hierarchy.Resolve(chain, steps);

        effective.Select(e => $"{e.Metric} {e.Bound} {e.Level} {e.Source}").Should().Equal(
            "accuracy ≥ 0.95 Team teams/ml.yaml:9:15",
            "fairness_score ≥ 0.8 Organisation steward.yaml:7:19");
        steps.Select(s => $"{s.Metric} {s.Level} {s.Outcome} {s.Effective}").Should().Equal(
            "accuracy Organisation set ≥ 0.8", "accuracy Team tightened ≥ 0.95",
            "fairness_score Organisation set ≥ 0.8", "fairness_score Team unchanged ≥ 0.8");
    }

    [Fact]
    public void A_threshold_without_bounds_in_a_PolicySet_is_an_input_error_naming_file_line_and_field()
    {
        using var repo = Repo("", ("teams/ml.yaml", Set("ml", "team", "namespaces: [ml]", "accuracy: {overridable: true}")));

        var act = () => RepositoryLoader.LoadFolder(repo.Path);

        act.Should().Throw<StewardInputException>().WithMessage("teams/ml.yaml:9:15: spec.evaluation.accuracy: a threshold needs min, max or both");
    }
}
