using Steward.Core.Governance;
using Steward.Core.Governance.Kinds;
using Steward.TestSupport;

namespace Steward.Core.Tests.Governance;

/// <summary>spec.refusal and spec.judgeScore of a Monitor (issue 19), and the OpenTelemetry attributes that fill them.</summary>
public sealed class ModelMonitorResponseQualityTests
{
    [Fact]
    public void Refusal_and_judge_score_columns_are_read_and_filled_from_their_attributes()
    {
        using var repo = new TempFolder();
        repo.Write("monitors/m.yaml", """
            apiVersion: steward.dev/v1alpha1
            kind: Monitor
            metadata: {name: chat}
            spec:
              model: chat
              features: [prompt_tokens]
              refusal: refused
              judgeScore: judge_score
              telemetry:
                judgeScore: app.eval.groundedness
            """);

        var monitor = RepositoryLoader.LoadFolder(repo.Path).Monitors.Single();

        monitor.Refusal.Should().Be("refused");
        monitor.JudgeScore.Should().Be("judge_score");
        MonitorTelemetry.ColumnsOf(monitor).Should().Equal(new Dictionary<string, string>
        {
            ["judge_score"] = "app.eval.groundedness", ["prompt_tokens"] = "prompt_tokens", ["refused"] = "refused",
        });
    }

    [Fact]
    public void A_judge_score_attribute_without_the_column_is_an_error()
    {
        using var repo = new TempFolder();
        repo.Write("monitors/m.yaml", "apiVersion: steward.dev/v1alpha1\nkind: Monitor\nmetadata: {name: chat}\nspec:\n  model: chat\n  telemetry: {judgeScore: app.score}\n");

        var act = () => RepositoryLoader.LoadFolder(repo.Path);

        act.Should().Throw<StewardInputException>().WithMessage("*spec.telemetry.judgeScore: needs spec.judgeScore (the column the attribute fills)");
    }
}
