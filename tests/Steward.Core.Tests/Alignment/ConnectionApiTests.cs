using DuckDB.NET.Data;
using Steward.Core.Alignment.Drift;
using Steward.Core.Alignment.Fairness;
using Steward.TestSupport;

namespace Steward.Core.Tests.Alignment;

/// <summary>The connection-based entry points monitors will use over the store: queries instead of files.</summary>
public class ConnectionApiTests
{
    [Fact]
    public void Drift_between_two_queries_on_one_connection()
    {
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using (var command = connection.CreateCommand())
        {
            var elec = RepositoryPaths.InShared("data", "drift", "elec.csv").Replace("'", "''");
            command.CommandText = $"CREATE TABLE log AS SELECT row_number() OVER () AS rn, * FROM read_csv_auto('{elec}')";
            command.ExecuteNonQuery();
        }
        using var source = new DuckDbDriftSource(connection,
            "SELECT feat_3, feat_5 FROM log WHERE rn <= 22656", "SELECT feat_3, feat_5 FROM log WHERE rn > 22656", "window 1", "window 2");
        var report = DriftAnalyzer.Analyze(source, new DriftOptions { Method = DriftMethod.KolmogorovSmirnov });
        // stats.ks_2samp on the elec halves: feat_3 (0.025820974576271194, 5.402235428619242e-07); feat_5 D = 0.4293343926553672
        Approx.Equal(report.Columns[0].Statistic, 0.025820974576271194, 1e-12);
        Approx.Equal(report.Columns[0].PValue!.Value, 5.402235428619242e-07, 1e-9);
        Approx.Equal(report.Columns[1].Statistic, 0.4293343926553672, 1e-12);
        report.Reference.Should().Be("window 1");
    }

    [Fact]
    public void Fairness_of_a_query_on_one_connection()
    {
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        var compas = RepositoryPaths.InShared("data", "fairness", "compas-scores-two-years.csv").Replace("'", "''");
        var report = FairnessAnalyzer.Analyze(connection,
            $"SELECT race, score_text, two_year_recid FROM read_csv_auto('{compas}') WHERE race IN ('African-American', 'Caucasian')",
            "compas", new FairnessOptions
            {
                Sensitive = ["race"],
                Prediction = "score_text",
                PositivePredictions = ["Medium", "High"],
                Label = "two_year_recid",
            });
        // README: demographic parity difference 0.240200, equalized odds difference 0.213925
        Approx.Equal(report.DemographicParityDifference, 0.2402002032197631, 1e-12);
        Approx.Equal(report.EqualizedOddsDifference, 0.21392495582112797, 1e-12);
    }
}
