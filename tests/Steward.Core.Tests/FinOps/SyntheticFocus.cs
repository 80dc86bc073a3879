using System.Globalization;
using System.Text;

namespace Steward.Core.Tests.FinOps;

/// <summary>
/// Writes small FOCUS exports with known daily costs: one row per resource per day, the columns
/// Steward requires plus ResourceId and Tags.
/// </summary>
internal static class SyntheticFocus
{
    public const string Header = "BilledCost,EffectiveCost,ListCost,BillingCurrency,ChargePeriodStart,ChargePeriodEnd,BillingPeriodStart,BillingPeriodEnd,ProviderName,ServiceName,ChargeCategory,ResourceId,Tags";

    public sealed record Resource(string Service, string Id, string Team, double BaseCost);

    /// <summary>Four resources in three services and three teams, about 260 a day.</summary>
    public static readonly Resource[] Resources =
    [
        new("Compute", "vm-1", "ml", 100),
        new("Compute", "vm-2", "web", 80),
        new("Storage", "bucket-1", "web", 30),
        new("Database", "db-1", "data", 50),
    ];

    /// <summary>Weekday factors (Monday first): lower at weekends.</summary>
    public static readonly double[] Weekly = [1.1, 1.15, 1.1, 1.05, 1.0, 0.8, 0.8];

    /// <summary>
    /// Daily cost of a resource: base × weekday factor × (1 ± up to <paramref name="noise"/> from a seeded generator),
    /// plus any spike, rounded to the cent. Returns the path written.
    /// </summary>
    public static string Write(string path, DateOnly first, int days, IReadOnlyDictionary<(DateOnly, string), double>? spikes = null, int seed = 7,
        double noise = 0.05)
    {
        var random = new Random(seed);
        var csv = new StringBuilder(Header).Append('\n');
        for (var d = 0; d < days; d++)
        {
            var day = first.AddDays(d);
            var weekday = ((int)day.DayOfWeek + 6) % 7;
            foreach (var r in Resources)
            {
                var cost = r.BaseCost * Weekly[weekday] * (1 + noise * (2 * random.NextDouble() - 1));
                if (spikes is not null && spikes.TryGetValue((day, r.Id), out var spike))
                    cost += spike;
                Row(csv, day, r, Math.Round(cost, 2));
            }
        }
        File.WriteAllText(path, csv.ToString());
        return path;
    }

    public static void Row(StringBuilder csv, DateOnly day, Resource r, double cost)
    {
        var c = cost.ToString("0.00", CultureInfo.InvariantCulture);
        var start = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var end = day.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var month = new DateOnly(day.Year, day.Month, 1);
        csv.Append($"{c},{c},{c},USD,{start}T00:00:00Z,{end}T00:00:00Z,{month:yyyy-MM-dd},{month.AddMonths(1):yyyy-MM-dd},Cloud,{r.Service},Usage,{r.Id},");
        csv.Append($"\"{{\"\"team\"\": \"\"{r.Team}\"\"}}\"\n");
    }
}
