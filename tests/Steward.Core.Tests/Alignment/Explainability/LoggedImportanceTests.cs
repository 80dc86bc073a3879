using Steward.Core.Alignment.Explainability;
using Steward.Core.Alignment.Ingest;
using Steward.Core.Storage;
using Steward.TestSupport;

namespace Steward.Core.Tests.Alignment.Explainability;

/// <summary>
/// Importance from the inference log on both store engines: the reference window and each daily window
/// give exactly what <see cref="ImportanceBaseline"/> gives for the same rows in memory (the log is read in
/// time order), so DuckDB and PostgreSQL agree bit for bit.
/// </summary>
public sealed class LoggedImportanceTests
{
    [Theory, MemberData(nameof(TestStores.Engines), MemberType = typeof(TestStores))]
    public void Each_window_matches_the_in_memory_computation(StoreEngine engine)
    {
        using var folder = new TempFolder();
        using var test = TestStore.Create(engine);
        using var store = test.Open(AlignmentSchema.Module);
        new InferenceImporter(store).Inferences(folder.Write("log.csv", AttributionData.Log()), "explained", "1.0");
        var options = new ImportanceOptions { Features = ["x1", "x2", "x3"], Score = "score", Label = "label" };
        var start = AttributionData.Start;

        using var log = InferenceLog.For(store);
        var reports = LoggedImportance.Analyze(log, new LoggedImportanceScope("explained", "1.0", start, start.AddDays(1), null, null, "daily"), options);

        var baseline = ImportanceBaseline.Fit(ImportanceBaselineTests.Sample("day 0", AttributionData.Day(0)), options);
        reports.Select(r => r.Current).Should().Equal(
            "explained 1.0 window 2026-03-03T00:00:00Z", "explained 1.0 window 2026-03-04T00:00:00Z", "explained 1.0 window 2026-03-05T00:00:00Z");
        for (var day = 1; day <= 3; day++)
        {
            var expected = baseline.Measure(ImportanceBaselineTests.Sample($"day {day}", AttributionData.Day(day)));
            var report = reports[day - 1];
            report.ReferenceImportance.Means.Should().Equal(expected.ReferenceImportance.Means);
            report.CurrentImportance.Means.Should().Equal(expected.CurrentImportance.Means);
            report.Drift.Should().Be(expected.Drift);
            report.Fidelity.Should().Be(expected.Fidelity);
        }
    }

    [Fact]
    public void The_store_needs_features_and_a_reference_window()
    {
        using var store = StewardStore.InMemory(AlignmentSchema.Module);
        using var log = InferenceLog.For(store);
        var start = AttributionData.Start;
        var noFeatures = () => LoggedImportance.Analyze(log, new LoggedImportanceScope("m", null, start, start.AddDays(1), null, null, null),
            new ImportanceOptions { Score = "score", Label = "label" });
        noFeatures.Should().Throw<StewardInputException>().WithMessage("--features is required with --store*");
        var empty = () => LoggedImportance.Analyze(log, new LoggedImportanceScope("m", null, start, start, null, null, null),
            new ImportanceOptions { Features = ["x"], Score = "score", Label = "label" });
        empty.Should().Throw<StewardInputException>().WithMessage("the reference window is empty*");
    }
}
