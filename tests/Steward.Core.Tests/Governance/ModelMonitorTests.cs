using Steward.Core.Governance;
using Steward.Core.Governance.Kinds;
using static Steward.Core.Tests.Governance.RepositoryFixtures;

namespace Steward.Core.Tests.Governance;

/// <summary>The Monitor kind's score and positive-class fields, and their defaults for monitors written before them.</summary>
public class ModelMonitorTests
{
    [Fact]
    public void An_older_monitor_gets_the_defaults()
    {
        var monitor = Load("spec: {model: m}");

        monitor.Score.Should().BeNull();
        monitor.PositiveLabel.Should().Be("1");
        monitor.PositivePredictions.Should().Equal("1");
        monitor.ScoreThreshold.Should().Be(0.5);
    }

    [Fact]
    public void The_positive_prediction_defaults_to_the_positive_label()
    {
        var monitor = Load("spec: {model: m, score: p, positiveLabel: good, scoreThreshold: 0.7}");

        monitor.Score.Should().Be("p");
        monitor.PositiveLabel.Should().Be("good");
        monitor.PositivePredictions.Should().Equal("good");
        monitor.ScoreThreshold.Should().Be(0.7);
    }

    [Theory]
    [InlineData("positivePrediction: approve", new[] { "approve" })]
    [InlineData("positivePrediction: [approve, refer]", new[] { "approve", "refer" })]
    public void Positive_predictions_are_one_value_or_a_list(string field, string[] expected)
    {
        Load($"spec: {{model: m, {field}}}").PositivePredictions.Should().Equal(expected);
    }

    [Fact]
    public void An_empty_positive_prediction_list_is_an_error_with_its_position()
    {
        var act = () => Load("spec: {model: m, positivePrediction: []}");

        act.Should().Throw<StewardInputException>().WithMessage("monitors/m.yaml:4:*spec.positivePrediction: names no value");
    }

    [Theory]
    [InlineData("remediation: rollback", MonitorRemediationKind.Rollback, 0, "rollback")]
    [InlineData("remediation: scale-down", MonitorRemediationKind.ScaleDown, 0, "scale-to-zero")]
    [InlineData("remediation: scale-down, scaleTo: 2", MonitorRemediationKind.ScaleDown, 2, "scale-down to 2 replica(s)")]
    [InlineData("remediation: scale-to-zero", MonitorRemediationKind.ScaleDown, 0, "scale-to-zero")]
    [InlineData("remediation: notify", MonitorRemediationKind.Notify, 0, "notify")]
    public void The_remediation_is_one_of_the_kinds_remediate_applies(string field, MonitorRemediationKind kind, int scaleTo, string text)
    {
        var monitor = Load($"spec: {{model: m, {field}}}");

        monitor.RemediationAction.Should().Be(new MonitorRemediation(kind, scaleTo));
        monitor.RemediationAction!.ToString().Should().Be(text);
    }

    [Fact]
    public void Without_a_remediation_there_is_none()
    {
        Load("spec: {model: m}").RemediationAction.Should().BeNull();
    }

    [Theory]
    [InlineData("remediation: retrain", "monitors/m.yaml:4:*spec.remediation: unknown remediation \"retrain\" (expected one of rollback, scale-down, scale-to-zero, notify)")]
    [InlineData("remediation: rollback, scaleTo: 1", "monitors/m.yaml:4:*spec.scaleTo: is read only with remediation: scale-down")]
    [InlineData("remediation: scale-down, scaleTo: -1", "monitors/m.yaml:4:*spec.scaleTo: expected a whole number of replicas ≥ 0, got -1")]
    [InlineData("remediation: scale-down, scaleTo: 1.5", "monitors/m.yaml:4:*spec.scaleTo: expected a whole number of replicas ≥ 0, got 1.5")]
    public void A_remediation_steward_cannot_apply_is_an_error_with_its_position(string field, string message)
    {
        var act = () => Load($"spec: {{model: m, {field}}}");

        act.Should().Throw<StewardInputException>().WithMessage(message);
    }

    private static Steward.Core.Governance.Kinds.ModelMonitor Load(string spec)
    {
        using var repo = Repository(("monitors/m.yaml", $"apiVersion: steward.dev/v1alpha1\nkind: Monitor\nmetadata: {{name: mon}}\n{spec}\n"));
        return RepositoryLoader.LoadFolder(repo.Path).Monitors.Single();
    }
}
