using System.Globalization;
using Steward.Core.Storage;

namespace Steward.Benchmarks.FinOps;

/// <summary>
/// A generated FOCUS export in Parquet: 10,000,000 hourly charges over 90 days by default
/// (STEWARD_BENCH_ROWS overrides, for a quick run), 3 providers, 50 services, 10 regions,
/// 100,000 resources and 20 teams in Tags. Values are arithmetic on the row number, so every run
/// writes the same file.
/// </summary>
internal static class FocusParquetFile
{
    public static long Rows => long.TryParse(Environment.GetEnvironmentVariable("STEWARD_BENCH_ROWS"), NumberStyles.None,
        CultureInfo.InvariantCulture, out var rows) ? rows : 10_000_000;

    public static string Create(string folder)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"focus-{Rows}.parquet");
        if (File.Exists(path))
            return path;
        // Written under a temporary name, so that an interrupted run never leaves half a file behind.
        var partial = path + ".partial";
        using var store = StewardStore.InMemory();
        store.Execute($$"""
            COPY (
                SELECT
                    CAST((i % 997) / 100.0 AS DECIMAL(18,6))            AS BilledCost,
                    CAST((i % 997) / 120.0 AS DECIMAL(18,6))            AS EffectiveCost,
                    CAST((i % 997) / 90.0 AS DECIMAL(18,6))             AS ListCost,
                    'USD'                                                AS BillingCurrency,
                    TIMESTAMP '2025-01-01' + to_hours(i % 2160)          AS ChargePeriodStart,
                    TIMESTAMP '2025-01-01' + to_hours(i % 2160 + 1)      AS ChargePeriodEnd,
                    TIMESTAMP '2025-01-01'                               AS BillingPeriodStart,
                    TIMESTAMP '2025-04-01'                               AS BillingPeriodEnd,
                    ['AWS', 'Microsoft', 'Google Cloud'][i % 3 + 1]      AS ProviderName,
                    'service-' || (i % 50)                               AS ServiceName,
                    'Usage'                                              AS ChargeCategory,
                    'region-' || (i % 10)                                AS RegionId,
                    'resource-' || (i % 100000)                          AS ResourceId,
                    '{"team": "team-' || (i % 20) || '", "env": "' || ['dev', 'prod'][i % 2 + 1] || '"}' AS Tags
                FROM range({{Rows}}) AS t(i)
            ) TO '{{partial.Replace("'", "''")}}' (FORMAT parquet)
            """);
        File.Move(partial, path, overwrite: true);
        return path;
    }

    public static string Folder => Path.Combine(Path.GetTempPath(), "steward-bench");
}
