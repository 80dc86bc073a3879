using System.Text;
using System.Text.Json.Nodes;
using Steward.Core.Application;
using Steward.Core.Application.Admission;
using Steward.Core.Application.Loop;
using Steward.Core.Findings;
using Steward.Core.Governance;
using Steward.TestSupport;
using static Steward.Core.Tests.Governance.RepositoryFixtures;
using static Steward.Core.Tests.Policy.Exceptions.ExceptionFixtures;

namespace Steward.Core.Tests.Policy.Exceptions;

/// <summary>
/// One evaluation of PolicyExceptions in the three places findings are made: <c>steward check</c>,
/// the admission webhook and the control loop's live audit. The fixture's Deployment web breaks two
/// rules, resources (built in) and policy/main/deny (a Rego policy: no owner label); exception
/// web-limits covers the first by name until 2027-01-31, owner-label the second by package prefix
/// and label selector until 2026-12-10.
/// </summary>
public sealed class ExceptionParityTests
{
    private const string Policy = """
        package main

        deny contains msg if {
            input.kind == "Deployment"
            not input.metadata.labels.owner
            msg := sprintf("%s has no owner label", [input.metadata.name])
        }
        """;

    private static TempFolder Repo() => Repository(
        ("steward.yaml", SettingsYaml),
        ("models/fraud.yaml", Model("fraud", "2.0")),
        ("budgets/ml.yaml", Budget("ml", "ml", 1000)),
        ("manifests/web.yaml", Web),
        ("policies/main.rego", Policy),
        ("exceptions/web-limits.yaml", Exception("web-limits", "rules: [resources]\nmatch:\n  names: [web]\n" + Justified + "expiresAt: 2027-01-31")),
        ("exceptions/owner.yaml", Exception("owner-label",
            "rules: [policy/main]\nmatch:\n  labelSelector:\n    matchLabels: {team: ml}\nreason: owners are assigned in the Q1 reorganisation\napprover: cto@example.com\nexpiresAt: 2026-12-10T00:00:00Z")));

    /// <summary>(rule, exception that suppresses it or "-") of the findings about web.</summary>
    private static List<string> Verdicts(IEnumerable<Finding> findings) =>
        [.. findings.Where(f => f.Subject.Name == "web").Select(f => $"{f.RuleId}:{f.Suppressed?.Exception ?? "-"}").Order(StringComparer.Ordinal)];

    public static TheoryData<string, string[], bool> Instants => new()
    {
        // Both exceptions active (owner-label expiring in 7.5 days, which only check reports).
        { "2026-12-02T12:00:00Z", ["policy/main/deny:owner-label", "resources:web-limits"], true },
        // owner-label expired on 2026-12-10; web-limits still active.
        { "2026-12-20T00:00:00Z", ["policy/main/deny:-", "resources:web-limits"], false },
        // Both expired.
        { "2027-02-01T00:00:00Z", ["policy/main/deny:-", "resources:-"], false },
    };

    [Theory]
    [MemberData(nameof(Instants))]
    public void Check_admission_and_the_live_audit_suppress_the_same_findings(string instant, string[] expected, bool allowed)
    {
        using var repo = Repo();
        var now = DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture);
        var app = new StewardApplication(new ApplicationOptions { Clock = new FixedClock(now) });
        var repository = RepositoryLoader.LoadFolder(repo.Path);
        var web = (JsonObject)repository.Manifests.Single(m => m.Name == "web").Json.DeepClone();
        var revision = app.PrepareAdmission(repository);

        var check = app.Check.Check(repository, cancellationToken: TestContext.Current.CancellationToken);
        var admission = app.Admit(revision, Encoding.UTF8.GetBytes(AdmissionReviews.Review("CREATE", web, ns: "ml", name: "web")), TestContext.Current.CancellationToken);
        var audit = LiveObjectAudit.Audit(revision, [web], "cluster", TestContext.Current.CancellationToken);

        Verdicts(check.Findings).Should().Equal(expected);
        Verdicts(admission.Decision.Findings.Select(f => f.Finding)).Should().Equal(expected);
        Verdicts(audit).Should().Equal(expected);
        check.HasErrors.Should().Be(!allowed);
        admission.Decision.Allowed.Should().Be(allowed);
    }

    [Fact]
    public void A_suppressed_deny_is_allowed_with_a_warning_naming_the_exception()
    {
        using var repo = Repo();
        var app = new StewardApplication(new ApplicationOptions { Clock = new FixedClock(Now) });
        var repository = RepositoryLoader.LoadFolder(repo.Path);
        var web = (JsonObject)repository.Manifests.Single(m => m.Name == "web").Json.DeepClone();

        var answer = app.Admit(app.PrepareAdmission(repository), Encoding.UTF8.GetBytes(AdmissionReviews.Review("CREATE", web, ns: "ml", name: "web")), TestContext.Current.CancellationToken);

        answer.Decision.Allowed.Should().BeTrue();
        answer.Decision.Outcome.Should().Be(AdmissionOutcome.Warned);
        answer.Decision.Warnings.Should().Equal(
            "[policy/main/deny] web has no owner label (suppressed by exception owner-label (approved by cto@example.com, expires 2026-12-10T00:00:00Z): owners are assigned in the Q1 reorganisation)",
            "[resources] container main of Deployment web lacks limits.cpu, limits.memory (suppressed by exception web-limits (approved by platform-team, expires 2027-01-31T00:00:00Z, PLAT-142): limits land with the autoscaler rollout)");
        answer.Decision.Findings.Should().OnlyContain(f => f.Action == Core.Governance.Kinds.AdmissionEnforcement.Warn);
        var response = JsonNode.Parse(answer.Response)!["response"]!;
        response["allowed"]!.GetValue<bool>().Should().BeTrue();
        response["warnings"]!.AsArray().Select(w => w!.GetValue<string>()).Should().Equal(answer.Decision.Warnings);
    }

    [Fact]
    public void The_check_reports_what_the_exceptions_say_about_themselves_and_admission_does_not()
    {
        using var repo = Repo();
        var app = new StewardApplication(new ApplicationOptions { Clock = new FixedClock(Now) });
        var repository = RepositoryLoader.LoadFolder(repo.Path);

        var check = app.Check.Check(repository, cancellationToken: TestContext.Current.CancellationToken);

        // owner-label expires 7.5 days after now, within the default 14 days.
        check.Findings.Where(f => f.RuleId.StartsWith("exception-", StringComparison.Ordinal)).Select(f => $"{f.RuleId} {f.Subject.Name}")
            .Should().Equal("exception-expiring owner-label");
        (check.Summary.Errors, check.Summary.Warnings, check.Summary.Suppressed).Should().Be((0, 1, 2));
    }
}
