using Steward.Core.Application;
using Steward.Core.Application.Monitoring;
using Steward.Core.Governance;
using Steward.TestSupport;

namespace Steward.Core.Tests.Application;

/// <summary>The monitor services of <see cref="StewardApplication"/>: what they refuse before touching the store.</summary>
public sealed class MonitorServicesTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    private static GovernanceRepository Example => RepositoryLoader.LoadFolder(RepositoryPaths.InRepository("examples", "governance"));

    [Fact]
    public void A_report_of_a_missing_store_is_an_input_error_and_creates_no_store()
    {
        var missing = temp["nothing/steward.duckdb"];

        var act = () => new StewardApplication().MonitorReport.Read(new MonitorReportRequest(missing, Example));

        act.Should().Throw<StewardInputException>().WithMessage($"{missing}: no Steward store (ingest inferences and run `steward monitor run` first, or give --store)");
        File.Exists(missing).Should().BeFalse();
    }

    [Theory]
    [InlineData("2026-01-31", 2026, 1, 31, 0)]
    [InlineData("2026-01-31T12:00:00Z", 2026, 1, 31, 12)]
    [InlineData("2026-01-31T12:00:00+02:00", 2026, 1, 31, 10)]
    public void Instants_are_utc_dates_or_timestamps(string text, int year, int month, int day, int hour)
    {
        var parsed = MonitorDates.Parse(text, "--from")!.Value;

        parsed.Should().Be(new DateTime(year, month, day, hour, 0, 0, DateTimeKind.Utc));
        parsed.Kind.Should().Be(DateTimeKind.Utc);
    }

    [Fact]
    public void A_bad_instant_names_the_flag()
    {
        var act = () => MonitorDates.Parse("yesterday", "--to");

        act.Should().Throw<StewardInputException>().WithMessage("--to: 'yesterday' is not a date (use e.g. 2026-01-31 or 2026-01-31T12:00:00Z)");
    }
}
