using Steward.Core.Governance;
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

    private static Steward.Core.Governance.Kinds.ModelMonitor Load(string spec)
    {
        using var repo = Repository(("monitors/m.yaml", $"apiVersion: steward.dev/v1alpha1\nkind: Monitor\nmetadata: {{name: mon}}\n{spec}\n"));
        return RepositoryLoader.LoadFolder(repo.Path).Monitors.Single();
    }
}
