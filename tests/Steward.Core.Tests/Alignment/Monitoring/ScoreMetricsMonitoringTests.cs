using Steward.Core.Alignment.Ingest;
using Steward.Core.Alignment.Monitoring;
using Steward.Core.Governance;
using Steward.Core.Storage;
using Steward.TestSupport;

namespace Steward.Core.Tests.Alignment.Monitoring;

/// <summary>
/// roc_auc, log_loss and the class metrics of a Monitor with a score column and a text positive class
/// (<see cref="MonitorData.ScoredLog"/>). Expected values computed once with scikit-learn 1.2.1 / numpy 1.24.2
/// from the fixture's formulas, re-implemented in Python (y = outcome == "good", p = h / 100):
/// roc_auc_score(y, p), log_loss(y, p), accuracy_score / precision_score / recall_score / f1_score(y, p >= 0.5).
/// </summary>
public class ScoreMetricsMonitoringTests
{
    //                                   roc_auc               log_loss              accuracy
    private static readonly double[][] Expected =
    [
        [0.8419791666666666, 0.48824166951936204, 0.735],
        [0.8524999999999999, 0.4815106836806939, 0.725],
        [0.4960416666666667, 0.9353827909880976, 0.505],
    ];

    //                                              precision            recall               f1
    private static readonly double[][] ExpectedClasses =
    [
        [0.7863247863247863, 0.7666666666666667, 0.7763713080168777],
        [0.7876106194690266, 0.7416666666666667, 0.7639484978540773],
        [0.6, 0.525, 0.56],
    ];

    [Fact]
    public void Windowed_roc_auc_log_loss_and_class_metrics_match_scikit_learn()
    {
        var windows = Run(MonitorData.ScoredMonitor).Windows;

        windows.Should().HaveCount(3);
        for (var day = 0; day < 3; day++)
        {
            var metrics = windows[day].Metrics;
            Approx.Equal(metrics["roc_auc"], Expected[day][0], 1e-12, because: $"roc_auc day {day}");
            Approx.Equal(metrics["log_loss"], Expected[day][1], 1e-12, because: $"log_loss day {day}");
            Approx.Equal(metrics["accuracy"], Expected[day][2], 1e-12, because: $"accuracy day {day}");
            Approx.Equal(metrics["precision"], ExpectedClasses[day][0], 1e-12, because: $"precision day {day}");
            Approx.Equal(metrics["recall"], ExpectedClasses[day][1], 1e-12, because: $"recall day {day}");
            Approx.Equal(metrics["f1"], ExpectedClasses[day][2], 1e-12, because: $"f1 day {day}");
        }
        windows[0].Breaches.Should().BeEmpty();
        windows[1].Breaches.Should().BeEmpty();
        windows[2].Breaches.Select(b => b.Metric).Should().Equal("accuracy", "f1", "log_loss", "recall", "roc_auc");
    }

    [Fact]
    public void Without_a_prediction_column_the_class_is_score_at_or_above_the_threshold()
    {
        var monitor = MonitorData.ScoredMonitor.Replace("  prediction: decision\n", "").Replace("  positivePrediction: approve\n", "");

        var windows = Run(monitor).Windows;

        // decision in the fixture is exactly p >= 0.5, so the figures are the same.
        for (var day = 0; day < 3; day++)
        {
            Approx.Equal(windows[day].Metrics["accuracy"], Expected[day][2], 1e-12);
            Approx.Equal(windows[day].Metrics["f1"], ExpectedClasses[day][2], 1e-12);
        }
    }

    [Fact]
    public void A_monitor_without_a_positive_label_keeps_the_default_class_1()
    {
        // With positive class "1" no "good"/"bad" outcome is positive: there is no ROC curve (one class), and
        // log loss is sklearn.metrics.log_loss(np.zeros(200), p_day0, labels=[0, 1]) = np.mean(-np.log(1 - p_day0))
        // = 0.940479194892123 (scikit-learn 1.2.1).
        var monitor = MonitorData.ScoredMonitor.Replace("  positiveLabel: good\n", "").Replace("  positivePrediction: approve\n", "");

        var window = Run(monitor).Windows[0];

        window.Metrics.Should().NotContainKey("roc_auc", "a window with one class has no ROC curve");
        Approx.Equal(window.Metrics["log_loss"], 0.940479194892123, 1e-12);
        window.Metrics["recall"].Should().Be(0, "there are no positives: sklearn's zero_division result");
    }

    [Fact]
    public void A_score_that_is_not_a_number_names_file_row_and_column()
    {
        using var folder = new TempFolder();
        MonitorData.WriteRepository(folder.Path, MonitorData.ScoredMonitor);
        var log = MonitorData.ScoredLog().Split('\n');
        log[5] = log[5][..log[5].LastIndexOf(',')] + ",n/a";
        File.WriteAllText(folder["log.csv"], string.Join('\n', log));
        using var store = StewardStore.InMemory(AlignmentSchema.Module);
        new InferenceImporter(store).Inferences(folder["log.csv"], "scored", "1");

        var act = () => new MonitorRunner(store).Run(RepositoryLoader.LoadFolder(folder.Path).Monitors, folder.Path);

        act.Should().Throw<StewardInputException>().Which.Message.Should().Be(
            $"{folder["log.csv"]}: row 5, column 'p': 'n/a' is not a number (the score of Monitor scored, monitors/scoring.yaml:1)");
    }

    [Fact]
    public void Score_metrics_without_a_score_column_are_an_input_error()
    {
        using var folder = new TempFolder();
        MonitorData.WriteRepository(folder.Path, MonitorData.ScoredMonitor.Replace("  score: p\n", ""));
        using var store = StewardStore.InMemory(AlignmentSchema.Module);

        var act = () => new MonitorRunner(store).Run(RepositoryLoader.LoadFolder(folder.Path).Monitors, folder.Path);

        act.Should().Throw<StewardInputException>().WithMessage("monitors/scoring.yaml:1: Monitor scored: spec.metrics: 'log_loss' needs spec.score*");
    }

    private static MonitorRun Run(string monitor)
    {
        using var folder = new TempFolder();
        MonitorData.WriteRepository(folder.Path, monitor);
        File.WriteAllText(folder["log.csv"], MonitorData.ScoredLog());
        using var store = StewardStore.InMemory(AlignmentSchema.Module);
        new InferenceImporter(store).Inferences(folder["log.csv"], "scored", "1").Rows.Should().Be(600);
        return new MonitorRunner(store).Run(RepositoryLoader.LoadFolder(folder.Path).Monitors, folder.Path).Monitors.Single();
    }
}
