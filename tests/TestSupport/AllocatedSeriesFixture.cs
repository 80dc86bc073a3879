using System.Globalization;
using System.Text;

namespace Steward.TestSupport;

/// <summary>
/// Six weeks of daily FOCUS charges on <see cref="UsageFixture"/>'s cluster, for forecasts and anomalies
/// by allocation dimension. Each day d (0 = 2026-10-01) has, from 00:00 UTC:
/// <list type="bullet">
/// <item>node-a, Compute, one hour: 2.00 + 0.01·d + weekA[d mod 7] — shared by api (team payments,
/// container cost 0.8 core · 0.04 + 1 GiB · 0.005 = 0.037) and db-0 (team data, 2 · 0.04 + 6 · 0.005 = 0.110),
/// whose one usage hour a day covers the charge;</item>
/// <item>node-b, Compute, one hour: 10.00 + 0.10·d + weekB[d mod 7], plus <see cref="Spike"/> on day
/// <see cref="SpikeDay"/> — all of it llm's (team ml);</item>
/// <item>bucket-1, Storage, the whole day: 1.00, tagged team=payments;</item>
/// <item>support, Support, the whole day: 0.50, untagged (<c>__unallocated__</c>).</item>
/// </list>
/// Every team's series is a linear trend plus a weekly season, exactly; only ml's has a spike.
/// </summary>
internal static class AllocatedSeriesFixture
{
    public static readonly DateOnly First = new(2026, 10, 1);
    public const int Days = 42;
    public const int SpikeDay = 35;
    public const decimal Spike = 30.00m;

    private static readonly decimal[] WeekA = [0m, 0.30m, 0.40m, 0.20m, 0m, -0.50m, -0.40m];
    private static readonly decimal[] WeekB = [0m, 1.50m, 2.00m, 1.00m, -0.50m, -2.00m, -2.00m];

    public static decimal NodeA(int d) => 2.00m + 0.01m * d + WeekA[d % 7];

    public static decimal NodeB(int d) => 10.00m + 0.10m * d + WeekB[d % 7] + (d == SpikeDay ? Spike : 0m);

    /// <summary>Writes <c>repo/</c> (UsageFixture's), <c>daily-usage.csv</c> and <c>daily-bill.csv</c>; returns their paths.</summary>
    public static (string Repo, string Usage, string Bill) Write(TempFolder temp)
    {
        var (repo, _) = UsageFixture.Write(temp);
        var usage = new StringBuilder(UsageFixture.UsageCsv[..(UsageFixture.UsageCsv.IndexOf('\n') + 1)]);
        var bill = new StringBuilder("BilledCost,EffectiveCost,ListCost,BillingCurrency,ChargePeriodStart,ChargePeriodEnd,BillingPeriodStart,BillingPeriodEnd,ProviderName,ServiceName,ChargeCategory,ResourceId,Tags\n");
        for (var d = 0; d < Days; d++)
        {
            var day = First.AddDays(d);
            var start = $"{day:yyyy-MM-dd}T00:00:00Z";
            // The same three containers as UsageFixture's first hour (api, db-0, llm), every day.
            usage.Append(CultureInfo.InvariantCulture, $"{start},prod,shop,api-7d9f8b6c5-x2k4p,app,node-a,0.5,0.8,1073741824,536870912,0,,8,34359738368,0\n");
            usage.Append(CultureInfo.InvariantCulture, $"{start},prod,shop,db-0,postgres,node-a,2,1.2,4294967296,6442450944,0,,8,34359738368,0\n");
            usage.Append(CultureInfo.InvariantCulture, $"{start},prod,ml,llm-5c6d7e8f9-abcde,server,node-b,4,3,17179869184,8589934592,1,0.05,16,68719476736,2\n");

            void Charge(decimal cost, DateTime end, string service, string resource, string tags)
            {
                var c = cost.ToString("0.00", CultureInfo.InvariantCulture);
                bill.Append(CultureInfo.InvariantCulture,
                    $"{c},{c},{c},USD,{start},{end:yyyy-MM-ddTHH:mm:ssZ},{day:yyyy-MM}-01,{day.AddMonths(1):yyyy-MM}-01,Cloud,{service},Usage,{resource},{tags}\n");
            }
            var midnight = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            Charge(NodeA(d), midnight.AddHours(1), "Compute", "node-a", "");
            Charge(NodeB(d), midnight.AddHours(1), "Compute", "node-b", "");
            Charge(1.00m, midnight.AddDays(1), "Storage", "bucket-1", "\"{\"\"team\"\": \"\"payments\"\"}\"");
            Charge(0.50m, midnight.AddDays(1), "Support", "support", "");
        }
        return (repo, temp.Write("daily-usage.csv", usage.ToString()), temp.Write("daily-bill.csv", bill.ToString()));
    }
}
