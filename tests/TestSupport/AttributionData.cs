using System.Globalization;
using System.Text;

namespace Steward.TestSupport;

/// <summary>
/// Seeded logs of a model whose explanation is known: x1, x2, x3 standard normal; the model's logged
/// score is σ(2·x1 + 0.5·x2) (x3 is noise); the label is drawn from σ(a·x1 + b·x2), so with the defaults
/// it follows the model, and with a = 0 the world has moved to x2 while the model has not. Daily windows
/// from 2026-03-02 (UTC), row i of a day at day + i·60 s.
/// </summary>
internal static class AttributionData
{
    public static readonly DateTime Start = new(2026, 3, 2, 0, 0, 0, DateTimeKind.Utc);

    public sealed record Rows(double[] X1, double[] X2, double[] X3, double[] Score, double[] Label);

    public static Rows Window(int n, int seed, double a = 2, double b = 0.5)
    {
        var random = new Random(seed);
        var rows = new Rows(new double[n], new double[n], new double[n], new double[n], new double[n]);
        for (var i = 0; i < n; i++)
        {
            (rows.X1[i], rows.X2[i], rows.X3[i]) = (MultivariateData.Normal(random), MultivariateData.Normal(random), MultivariateData.Normal(random));
            rows.Score[i] = 1 / (1 + Math.Exp(-(2 * rows.X1[i] + 0.5 * rows.X2[i])));
            rows.Label[i] = random.NextDouble() < 1 / (1 + Math.Exp(-(a * rows.X1[i] + b * rows.X2[i]))) ? 1 : 0;
        }
        return rows;
    }

    /// <summary>The reference of the monitor: 1,500 rows, seed 1.</summary>
    public static Rows Reference() => Window(1500, seed: 1);

    /// <summary>Day d of the log: 600 rows, seed 21 + d; from day 2 the labels follow x2 alone.</summary>
    public static Rows Day(int day) => day >= 2 ? Window(600, 21 + day, a: 0, b: 2) : Window(600, 21 + day);

    public static string Csv(Rows rows) =>
        MultivariateData.Csv(("x1", rows.X1), ("x2", rows.X2), ("x3", rows.X3), ("score", rows.Score), ("label", rows.Label));

    /// <summary>Days 0..days-1 as an inference log (timestamp, request_id, features, score, label).</summary>
    public static string Log(int days = 4)
    {
        var csv = new StringBuilder("timestamp,request_id,x1,x2,x3,score,label\n");
        for (var day = 0; day < days; day++)
        {
            var r = Day(day);
            for (var i = 0; i < r.X1.Length; i++)
                csv.Append(CultureInfo.InvariantCulture,
                    $"{Start.AddDays(day).AddSeconds(i * 60):yyyy-MM-ddTHH:mm:ssZ},a{day}-{i},{R(r.X1[i])},{R(r.X2[i])},{R(r.X3[i])},{R(r.Score[i])},{R(r.Label[i])}\n");
        }
        return csv.ToString();
    }

    public const string Monitor = """
        apiVersion: steward.dev/v1alpha1
        kind: Monitor
        metadata:
          name: explained
        spec:
          model: explained
          version: "1.0"
          reference: data/explained.csv
          features: [x1, x2, x3]
          score: score
          label: label
          metrics:
            attribution_rank_correlation: {min: 0.8}
            attribution_l1: {max: 0.3}
          window: daily
        """;

    public static void WriteRepository(string root, string monitor = Monitor)
    {
        Directory.CreateDirectory(Path.Combine(root, "monitors"));
        Directory.CreateDirectory(Path.Combine(root, "data"));
        File.WriteAllText(Path.Combine(root, "monitors", "explained.yaml"), monitor);
        File.WriteAllText(Path.Combine(root, "data", "explained.csv"), Csv(Reference()));
    }

    private static string R(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
