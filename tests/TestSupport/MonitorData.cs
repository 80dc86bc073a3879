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

    /// <summary>
    /// A scored log for roc_auc and log_loss with a text positive class: three days from 2026-01-05, 200 rows
    /// a day, row i at day + i·432 s; outcome = "good" when (i·7 mod 10) &lt; 6 else "bad";
    /// p = h/100 with h = 35 + 5·((3i + day) mod 13) for good and 5 + 5·((5i + day) mod 13) for bad rows on
    /// days 0 and 1, and h = 5 + 5·((17i) mod 19) on day 2 (the score no longer ranks the outcome);
    /// decision = "approve" when p ≥ 0.5 else "decline".
    /// </summary>
    public static string ScoredLog()
    {
        var csv = new StringBuilder("timestamp,request_id,x,decision,outcome,p\n");
        for (var day = 0; day < 3; day++)
            for (var i = 0; i < 200; i++)
            {
                var good = i * 7 % 10 < 6;
                var h = day < 2 ? (good ? 35 + 5 * ((3 * i + day) % 13) : 5 + 5 * ((5 * i + day) % 13)) : 5 + 5 * (17 * i % 19);
                var ts = Start.AddDays(day).AddSeconds(i * 432);
                csv.Append(CultureInfo.InvariantCulture,
                    $"{ts:yyyy-MM-dd HH:mm:ss},s{day}-{i},{i % 10},{(h >= 50 ? "approve" : "decline")},{(good ? "good" : "bad")},{h / 100m}\n");
            }
        return csv.ToString();
    }

    public const string ScoredMonitor = """
        apiVersion: steward.dev/v1alpha1
        kind: Monitor
        metadata:
          name: scored
        spec:
          model: scored
          reference: data/reference.csv
          prediction: decision
          positivePrediction: approve
          label: outcome
          positiveLabel: good
          score: p
          metrics:
            roc_auc: {min: 0.7}
            log_loss: {max: 0.6}
            accuracy: {min: 0.6}
            precision: {min: 0.6}
            recall: {min: 0.6}
            f1: {min: 0.6}
          window: daily
        """;
}
