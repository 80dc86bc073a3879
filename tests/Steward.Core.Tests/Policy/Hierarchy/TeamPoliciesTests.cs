using System.Text;
using System.Text.Json.Nodes;
using Steward.Core.Application;
using Steward.Core.Governance;
using Steward.Core.Policy;
using Steward.TestSupport;
using static Steward.Core.Tests.Governance.RepositoryFixtures;
using static Steward.Core.Tests.Policy.Exceptions.ExceptionFixtures;

namespace Steward.Core.Tests.Policy.Hierarchy;

/// <summary>
/// Rego modules a PolicySet owns (spec.policies): Deployment web (namespace ml, governed by team set
/// ml) and Deployment scorer (namespace risk, no set); policies/main.rego (the organisation's) denies
/// every Deployment, policies/teams/ml/one.rego (team ml's) denies every Deployment too, so each
/// finding says which objects a module judged.
/// </summary>
public sealed class TeamPoliciesTests
{
    private const string TeamSet = "apiVersion: steward.dev/v1alpha1\nkind: PolicySet\nmetadata:\n  name: ml\nspec:\n  level: team\n  match: {namespaces: [ml]}\n  policies: [policies/teams/ml]\n";

    private static string Deny(string package, string message) =>
        $"package {package}\n\ndeny contains msg if {{\n    input.kind == \"Deployment\"\n    msg := sprintf(\"{message} %s\", [input.metadata.name])\n}}\n";

    private static TempFolder Repo(params (string, string)[] files) =>
        Repository([("steward.yaml", SettingsYaml), ("models/fraud.yaml", Model("fraud", "2.0")),
            ("budgets/ml.yaml", Budget("ml", "ml", 1000)), ("budgets/risk.yaml", Budget("risk", "risk", 1000)),
            ("manifests/web.yaml", Deployment("web", team: "ml", ns: "ml", model: "fraud", version: "2.0")),
            ("manifests/scorer.yaml", Deployment("scorer", team: "risk", ns: "risk", model: "fraud", version: "2.0")),
            ("policies/main.rego", Deny("main", "organisation:")), .. files]);

    [Fact]
    public void A_team_module_judges_only_the_objects_its_set_governs_in_check_at_admission_and_in_the_live_audit()
    {
        using var repo = Repo(("teams/ml.yaml", TeamSet), ("policies/teams/ml/one.rego", Deny("teams.ml", "team ml:")));
        var app = new StewardApplication(new ApplicationOptions { Clock = new FixedClock(Now) });
        var repository = RepositoryLoader.LoadFolder(repo.Path);
        var revision = app.PrepareAdmission(repository);
        string Admit(string file, string ns, string name)
        {
            var obj = (JsonObject)repository.Manifests.Single(m => m.File == file).Json.DeepClone();
            var answer = app.Admit(revision, Encoding.UTF8.GetBytes(AdmissionReviews.Review("CREATE", obj, ns: ns, name: name)), TestContext.Current.CancellationToken);
            return string.Join(", ", answer.Decision.Findings.Select(f => f.Finding.Message));
        }

        var check = app.Check.Check(repository, cancellationToken: TestContext.Current.CancellationToken);

        check.Findings.Where(f => f.RuleId.StartsWith("policy/", StringComparison.Ordinal)).Select(f => $"{f.RuleId}: {f.Message}").Should().Equal(
            "policy/main/deny: organisation: scorer",
            "policy/main/deny: organisation: web",
            "policy/teams/ml/deny: team ml: web");
        Admit("manifests/web.yaml", "ml", "web").Should().Be("organisation: web, team ml: web");
        Admit("manifests/scorer.yaml", "risk", "scorer").Should().Be("organisation: scorer");
        var live = repository.Manifests.Where(m => m.Kind == "Deployment").Select(m => (JsonObject)m.Json.DeepClone()).ToList();
        Steward.Core.Application.Loop.LiveObjectAudit.Audit(revision, live, "cluster", TestContext.Current.CancellationToken)
            .Where(f => f.RuleId.StartsWith("policy/", StringComparison.Ordinal)).Select(f => f.Message).Should().Equal(
                "live apps/Deployment/ml/web: organisation: web",
                "live apps/Deployment/risk/scorer: organisation: scorer",
                "live apps/Deployment/ml/web: team ml: web");
    }

    [Fact]
    public void A_module_outside_every_set_is_the_organisations_and_judges_everything()
    {
        using var repo = Repo(("teams/ml.yaml", TeamSet), ("policies/teams/risk/one.rego", Deny("teams.risk", "risk:")));

        var result = new CheckRunner(policies: new Steward.Core.Policy.Rego.RegoPolicyEvaluator(), clock: new FixedClock(Now))
            .Run(RepositoryLoader.LoadFolder(repo.Path), cancellationToken: TestContext.Current.CancellationToken);

        result.Findings.Where(f => f.RuleId == "policy/teams/risk/deny").Select(f => f.Message).Should().Equal("risk: scorer", "risk: web");
    }

    [Fact]
    public void A_package_split_between_a_team_folder_and_the_organisations_is_an_input_error_naming_both_files()
    {
        using var repo = Repo(("teams/ml.yaml", TeamSet), ("policies/teams/ml/one.rego", Deny("shared", "a")), ("policies/shared.rego", "package shared\n\ndeny contains \"b\" if input.kind == \"Pod\"\n"));

        var act = () => new CheckRunner(policies: new Steward.Core.Policy.Rego.RegoPolicyEvaluator()).Run(RepositoryLoader.LoadFolder(repo.Path), cancellationToken: TestContext.Current.CancellationToken);

        act.Should().Throw<StewardInputException>().WithMessage(
            "policy/shared/deny is defined in modules of different policy levels: policies/shared.rego (organisation), policies/teams/ml/one.rego (PolicySet ml); keep a team's package in its PolicySet's spec.policies only");
    }

    [Theory]
    [InlineData("../outside", "teams/ml.yaml:8:14: spec.policies[0]: expected a file or folder under policies/, relative to the repository root, got \"../outside\"")]
    [InlineData("/etc", "teams/ml.yaml:8:14: spec.policies[0]: expected a file or folder under policies/, relative to the repository root, got \"/etc\"")]
    [InlineData("manifests", "teams/ml.yaml:8:14: spec.policies[0]: expected a file or folder under policies/, relative to the repository root, got \"manifests\"")]
    public void A_spec_policies_path_outside_policies_is_an_input_error(string path, string message)
    {
        using var repo = Repo(("teams/ml.yaml", TeamSet.Replace("policies/teams/ml", path, StringComparison.Ordinal)));

        var act = () => RepositoryLoader.LoadFolder(repo.Path);

        act.Should().Throw<StewardInputException>().WithMessage(message);
    }
}
