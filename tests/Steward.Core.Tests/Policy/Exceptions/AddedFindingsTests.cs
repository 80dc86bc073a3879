using Steward.Core.Findings;
using Steward.Core.Governance.Kinds;
using Steward.Core.Policy;
using Steward.Core.Policy.Exceptions;
using Steward.TestSupport;
using static Steward.Core.Tests.Governance.RepositoryFixtures;
using static Steward.Core.Tests.Policy.Exceptions.ExceptionFixtures;

namespace Steward.Core.Tests.Policy.Exceptions;

/// <summary>
/// Findings added after the check (a store's open monitor breaches) meet the same PolicyExceptions:
/// a breach of monitor/accuracy on Monitor fraud (model fraud 2.0), as OpenMonitorBreaches reports it.
/// </summary>
public sealed class AddedFindingsTests
{
    private static readonly Finding Breach = new()
    {
        RuleId = "monitor/accuracy",
        Severity = Severity.Error,
        Category = Category.Alignment,
        Subject = new Subject { File = "monitors/fraud.yaml", Line = 1, Kind = StewardKinds.Monitor, Name = "fraud", Model = "fraud", ModelVersion = "2.0" },
        Message = "accuracy = 0.7 in the daily window from 2026-12-01T00:00:00Z, outside its threshold (≥ 0.8)",
    };

    private static CheckResult Govern(string models)
    {
        using var repo = Repository(("steward.yaml", SettingsYaml), ("models/fraud.yaml", Model("fraud", "2.0")), ("budgets/ml.yaml", Budget("ml", "ml", 1000)),
            ("manifests/web.yaml", Deployment("web", team: "ml", ns: "ml", model: "fraud", version: "2.0")),
            ("exceptions/retrain.yaml", Exception("retrain", $"rules: [monitor/accuracy]\nmatch: {{models: [{models}]}}\nexpiresAt: 2027-06-30\n" + Justified)));
        var repository = Load(repo);
        var checkedRepo = new CheckRunner(clock: new FixedClock(Now)).Run(repository, cancellationToken: TestContext.Current.CancellationToken);
        checkedRepo.Findings.Select(f => f.RuleId).Should().Equal("exception-unused");
        return AddedFindings.Govern(checkedRepo, repository, [Breach], [], Now);
    }

    [Theory]
    [InlineData("fraud")]
    [InlineData("fraud@2.0")]
    public void An_exception_naming_the_breach_rule_and_model_suppresses_it_and_is_no_longer_unused(string models)
    {
        var result = Govern(models);

        result.Findings.Select(f => $"{f.RuleId} {f.Suppressed?.Exception}").Should().Equal("monitor/accuracy retrain");
        (result.HasErrors, result.Summary.Errors, result.Summary.Suppressed).Should().Be((false, 0, 1));
    }

    [Fact]
    public void An_exception_for_another_model_leaves_the_breach_and_stays_unused()
    {
        var result = Govern("fraud@1.0");

        result.Findings.Select(f => $"{f.RuleId} {f.Suppressed?.Exception}").Should().Equal("exception-unused ", "monitor/accuracy ");
        result.HasErrors.Should().BeTrue();
    }
}
