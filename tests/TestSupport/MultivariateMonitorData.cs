using System.Globalization;
using System.Text;

namespace Steward.TestSupport;

/// <summary>
/// Inference logs for the multivariate metrics of a Monitor, from the seeded samples of
/// <see cref="MultivariateData"/>; four daily windows from 2026-02-02 (UTC), row i of a day at day + i·200 s.
/// <list type="bullet">
/// <item>Correlation: reference x, y with correlation +0.9 (400 rows, seed 11); each day 400 rows with
/// correlation +0.9 (days 0, 1) or −0.9 (days 2, 3), seeds 21 + day, whose columns hold exactly the
/// reference's values (rank mapping), so that no per-column test sees any difference.</item>
/// <item>Embedding: 8-dimensional standard normal vectors, reference 400 rows (seed 31); each day 200 rows
/// (seeds 41 + day), shifted by 1.5 along one random unit direction (seed 5) on days 2 and 3.</item>
/// </list>
/// </summary>
internal static class MultivariateMonitorData
{
    public static readonly DateTime Start = new(2026, 2, 2, 0, 0, 0, DateTimeKind.Utc);

    public const int Days = 4;
    public const int EmbeddingWidth = 8;

    public static (double[] X, double[] Y) CorrelatedReference() => MultivariateData.Correlated(400, 0.9, seed: 11);

    /// <summary>The x, y of one day, with the reference's marginals.</summary>
    public static (double[] X, double[] Y) CorrelatedDay(int day)
    {
        var (rx, ry) = CorrelatedReference();
        var (x, y) = MultivariateData.Correlated(400, day >= 2 ? -0.9 : 0.9, seed: 21 + day);
        return (MultivariateData.WithMarginalOf(x, rx), MultivariateData.WithMarginalOf(y, ry));
    }

    public static DateTime Time(int day, int row) => Start.AddDays(day).AddSeconds(row * 200);

    /// <summary>The correlation log as CSV (timestamp, request_id, x, y) for the given days (and rows of each day).</summary>
    public static string CorrelatedLog(IEnumerable<int> days, Func<int, bool>? rows = null)
    {
        var csv = new StringBuilder("timestamp,request_id,x,y\n");
        foreach (var day in days)
        {
            var (x, y) = CorrelatedDay(day);
            for (var i = 0; i < x.Length; i++)
                if (rows is null || rows(i))
                    csv.Append(CultureInfo.InvariantCulture, $"{Time(day, i):yyyy-MM-ddTHH:mm:ssZ},c{day}-{i},{R(x[i])},{R(y[i])}\n");
        }
        return csv.ToString();
    }

    public static string CorrelatedReferenceCsv()
    {
        var (x, y) = CorrelatedReference();
        return MultivariateData.Csv(("x", x), ("y", y));
    }

    public static double[] Direction() => MultivariateData.Direction(EmbeddingWidth, seed: 5);

    public static double[][] EmbeddingReference() => MultivariateData.Embeddings(400, EmbeddingWidth, 0.0, Direction(), seed: 31);

    public static double[][] EmbeddingDay(int day) => MultivariateData.Embeddings(200, EmbeddingWidth, day >= 2 ? 1.5 : 0.0, Direction(), seed: 41 + day);

    /// <summary>The reference as CSV with one column, the embedding as a quoted JSON array.</summary>
    public static string EmbeddingReferenceCsv()
    {
        var csv = new StringBuilder("embedding\n");
        foreach (var row in EmbeddingReference())
            csv.Append("\"[").Append(string.Join(", ", row.Select(R))).Append("]\"\n");
        return csv.ToString();
    }

    /// <summary>The embedding log as JSON Lines: {"timestamp", "request_id", "embedding": [..]}; <paramref name="edit"/> may rewrite a line.</summary>
    public static string EmbeddingLog(Func<int, int, string, string>? edit = null)
    {
        var jsonl = new StringBuilder();
        for (var day = 0; day < Days; day++)
        {
            var rows = EmbeddingDay(day);
            for (var i = 0; i < rows.Length; i++)
            {
                var line = $"{{\"timestamp\": \"{Time(day, i):yyyy-MM-ddTHH:mm:ssZ}\", \"request_id\": \"e{day}-{i}\", \"embedding\": [{string.Join(", ", rows[i].Select(R))}]}}";
                jsonl.Append(edit is null ? line : edit(day, i, line)).Append('\n');
            }
        }
        return jsonl.ToString();
    }

    public const string CorrelationMonitor = """
        apiVersion: steward.dev/v1alpha1
        kind: Monitor
        metadata:
          name: pairs
        spec:
          model: pairs
          version: "1.0"
          reference: data/pairs.csv
          features: [x, y]
          metrics:
            drift_share: {max: 0.3}
            multivariate_auc: {max: 0.6}
          window: daily
          remediation: rollback
        """;

    public const string EmbeddingMonitor = """
        apiVersion: steward.dev/v1alpha1
        kind: Monitor
        metadata:
          name: vectors
        spec:
          model: vectors
          version: "1.0"
          reference: data/vectors.csv
          embeddings: [embedding]
          metrics:
            multivariate_auc: {max: 0.6}
            multivariate_drift: {max: 0}
          window: daily
        """;

    /// <summary>A governance repository with both monitors and their reference files.</summary>
    public static void WriteRepository(string root)
    {
        Directory.CreateDirectory(Path.Combine(root, "monitors"));
        Directory.CreateDirectory(Path.Combine(root, "data"));
        File.WriteAllText(Path.Combine(root, "monitors", "pairs.yaml"), CorrelationMonitor);
        File.WriteAllText(Path.Combine(root, "monitors", "vectors.yaml"), EmbeddingMonitor);
        File.WriteAllText(Path.Combine(root, "data", "pairs.csv"), CorrelatedReferenceCsv());
        File.WriteAllText(Path.Combine(root, "data", "vectors.csv"), EmbeddingReferenceCsv());
    }

    private static string R(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
