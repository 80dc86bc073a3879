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

    [Fact]
    public void Without_telemetry_each_column_is_read_from_the_attribute_of_its_name()
    {
        var monitor = Load("spec: {model: m, features: [x], prediction: p, label: y, protectedAttributes: [g]}");

        monitor.Telemetry.Should().Be(MonitorTelemetry.None);
        MonitorTelemetry.ColumnsOf(monitor).Should().Equal(new Dictionary<string, string> { ["g"] = "g", ["p"] = "p", ["x"] = "x", ["y"] = "y" });
    }

    [Fact]
    public void Telemetry_names_the_attribute_of_each_column()
    {
        var monitor = Load("""
            spec:
              model: m
              features: [x, z]
              prediction: p
              score: s
              label: y
              protectedAttributes: [g]
              telemetry:
                features: {x: app.x}
                prediction: app.prediction
                score: app.score
                label: app.label
                protectedAttributes: {g: user.group}
            """);

        MonitorTelemetry.ColumnsOf(monitor).Should().Equal(new Dictionary<string, string>
        {
            ["g"] = "user.group", ["p"] = "app.prediction", ["s"] = "app.score", ["x"] = "app.x", ["y"] = "app.label", ["z"] = "z",
        });
        monitor.Spec["telemetry"]!["prediction"]!.GetValue<string>().Should().Be("app.prediction");
    }

    [Theory]
    [InlineData("{prediction: app.p}", "monitors/m.yaml:7:*spec.telemetry.prediction: needs spec.prediction (the column the attribute fills)")]
    [InlineData("{labels: app.y}", "monitors/m.yaml:7:*spec.telemetry.labels: unknown field (expected one of features, prediction, score, label, protectedAttributes, refusal, judgeScore)")]
    [InlineData("{features: {w: app.w}}", "monitors/m.yaml:7:*spec.telemetry.features.w: 'w' is not among spec.features, spec.categoricalFeatures or spec.embeddings")]
    [InlineData("{protectedAttributes: {sex: user.sex}}", "monitors/m.yaml:7:*spec.telemetry.protectedAttributes.sex: 'sex' is not among spec.protectedAttributes")]
    [InlineData("{features: {x: 'app x'}}", "monitors/m.yaml:7:*spec.telemetry.features.x: expected an attribute name of 1 to 255 characters without spaces or control characters, got \"app x\"")]
    [InlineData("{features: [x]}", "monitors/m.yaml:7:*spec.telemetry.features: expected a mapping, got a list")]
    public void A_telemetry_entry_that_fills_no_column_of_the_monitor_is_an_error_with_its_position(string telemetry, string message)
    {
        var act = () => Load($"spec:\n  model: m\n  features: [x]\n  telemetry: {telemetry}");

        act.Should().Throw<StewardInputException>().WithMessage(message);
    }

    private static Steward.Core.Governance.Kinds.ModelMonitor Load(string spec)
    {
        using var repo = Repository(("monitors/m.yaml", $"apiVersion: steward.dev/v1alpha1\nkind: Monitor\nmetadata: {{name: mon}}\n{spec}\n"));
        return RepositoryLoader.LoadFolder(repo.Path).Monitors.Single();
    }
}
