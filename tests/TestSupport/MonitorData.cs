using System.Globalization;
using System.Text;

namespace Steward.TestSupport;

/// <summary>
/// Deterministic inference logs with a known shift, reproduced in numpy/pandas for the expected values.
/// Five days from 2026-01-05 (UTC), 200 rows a day, row i at day + i·432 s; k = i / 2:
/// x = ((i·37) mod 200)/10 (+3 from day 3), c = "abc"[i mod 3], g = F for even i else M,
/// pred = 1 when (k·7 mod 10) &lt; 5 (&lt; 2 for group F from day 3), label = 1 when (k·3 mod 10) &lt; 5,
/// request_id = r{day}-{i}. Reference: 600 rows, x = ((i·37) mod 600)/30, c = "abc"[i mod 3].
/// </summary>
internal static class MonitorData
{
    public static readonly DateTime Start = new(2026, 1, 5, 0, 0, 0, DateTimeKind.Utc);

    public static string Log(bool withLabels = true, int days = 5)
    {
        var csv = new StringBuilder(withLabels ? "timestamp,request_id,x,c,g,pred,label\n" : "timestamp,request_id,x,c,g,pred\n");
        for (var day = 0; day < days; day++)
            for (var i = 0; i < 200; i++)
            {
                var k = i / 2;
                var x = (i * 37 % 200) / 10.0 + (day >= 3 ? 3.0 : 0.0);
                var g = i % 2 == 0 ? "F" : "M";
                var cut = day >= 3 && g == "F" ? 2 : 5;
                var pred = k * 7 % 10 < cut ? 1 : 0;
                var label = k * 3 % 10 < 5 ? 1 : 0;
                var ts = Start.AddDays(day).AddSeconds(i * 432);
                csv.Append(CultureInfo.InvariantCulture, $"{ts:yyyy-MM-dd HH:mm:ss},r{day}-{i},{x.ToString("R", CultureInfo.InvariantCulture)},{"abc"[i % 3]},{g},{pred}");
                if (withLabels) csv.Append(CultureInfo.InvariantCulture, $",{label}");
                csv.Append('\n');
            }
        return csv.ToString();
    }

    public static string Labels(int days = 5)
    {
        var csv = new StringBuilder("request_id,label\n");
        for (var day = 0; day < days; day++)
            for (var i = 0; i < 200; i++)
                csv.Append(CultureInfo.InvariantCulture, $"r{day}-{i},{((i / 2) * 3 % 10 < 5 ? 1 : 0)}\n");
        return csv.ToString();
    }

    public static string Reference()
    {
        var csv = new StringBuilder("x,c\n");
        for (var i = 0; i < 600; i++)
            csv.Append(CultureInfo.InvariantCulture, $"{((i * 37 % 600) / 30.0).ToString("R", CultureInfo.InvariantCulture)},{"abc"[i % 3]}\n");
        return csv.ToString();
    }

    public const string Monitor = """
        apiVersion: steward.dev/v1alpha1
        kind: Monitor
        metadata:
          name: scoring
        spec:
          model: scoring
          version: "1.0"
          reference: data/reference.csv
          features: [x, c]
          categoricalFeatures: [c]
          prediction: pred
          label: label
          protectedAttributes: [g]
          metrics:
            drift_share: {max: 0.3}
            demographic_parity_difference: {max: 0.1}
            equalized_odds_difference: {max: 0.5}
            accuracy: {min: 0.15}
          window: daily
          remediation: rollback
        """;

    /// <summary>A governance repository with the monitor and its reference file.</summary>
    public static void WriteRepository(string root, string monitor = Monitor)
    {
        Directory.CreateDirectory(Path.Combine(root, "monitors"));
        Directory.CreateDirectory(Path.Combine(root, "data"));
        File.WriteAllText(Path.Combine(root, "monitors", "scoring.yaml"), monitor);
        File.WriteAllText(Path.Combine(root, "data", "reference.csv"), Reference());
    }
}
