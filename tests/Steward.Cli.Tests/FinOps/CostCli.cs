using System.Globalization;
using System.Text;
using Steward.TestSupport;

namespace Steward.Cli.Tests.FinOps;

/// <summary>Runs <c>steward cost ...</c> in-process against a store in a temp folder.</summary>
public sealed class CostCli : IDisposable
{
    /// <param name="store">The store's address (e.g. a PostgreSQL URL); a DuckDB file in the folder if null.</param>
    public CostCli(string? store = null)
    {
        Folder = Path.Combine(Path.GetTempPath(), "steward-cli-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
        StorePath = store ?? Path.Combine(Folder, "store", "steward.duckdb");
    }

    public string Folder { get; }

    /// <summary>What every command gets as <c>--store</c>.</summary>
    public string StorePath { get; }

    public static string Sample => RepositoryPaths.InShared("data", "focus", "focus_sample.csv");

    public string File(string name) => Path.Combine(Folder, name);

    public async Task<(int Exit, string Out, string Err)> Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = await StewardApp.RunAsync([.. args, "--store", StorePath], stdout, stderr, TestContext.Current.CancellationToken);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    /// <summary>The sample with one column removed, or one cell of data row <paramref name="row"/> replaced.</summary>
    public string SampleVariant(string name, string column, int? row = null, string? value = null)
    {
        var lines = System.IO.File.ReadAllLines(Sample);
        var index = Split(lines[0]).IndexOf("\"" + column + "\"");
        for (var i = 0; i < lines.Length; i++)
        {
            var cells = Split(lines[i]);
            if (row is null)
                cells.RemoveAt(index);
            else if (i == row)
                cells[index] = value!;
            lines[i] = string.Join(",", cells);
        }
        var path = File(name);
        System.IO.File.WriteAllLines(path, lines);
        return path;
    }

    /// <summary>
    /// A restated AWS export of the sample's billing period: its AWS rows only, the j-th of them (0-based)
    /// dropped when j % 10 == 0 and its BilledCost corrected to 0.01 when j % 7 == 0.
    /// </summary>
    public string RestatedAws(string name)
    {
        var lines = System.IO.File.ReadAllLines(Sample);
        var header = Split(lines[0]);
        var provider = header.IndexOf("\"ProviderName\"");
        var billed = header.IndexOf("\"BilledCost\"");
        var output = new List<string> { lines[0] };
        var j = 0;
        foreach (var line in lines.Skip(1))
        {
            var cells = Split(line);
            if (cells[provider] != "\"AWS\"") continue;
            if (j % 10 != 0)
            {
                if (j % 7 == 0) cells[billed] = "0.01000000000";
                output.Add(string.Join(",", cells));
            }
            j++;
        }
        var path = File(name);
        System.IO.File.WriteAllLines(path, output);
        return path;
    }

    private static List<string> Split(string line)
    {
        var cells = new List<string>();
        var start = 0;
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            if (line[i] == '"')
                quoted = !quoted;
            else if (line[i] == ',' && !quoted)
            {
                cells.Add(line[start..i]);
                start = i + 1;
            }
        }
        cells.Add(line[start..]);
        return cells;
    }

    /// <summary>
    /// A FOCUS export with one row per service per day: cost = base + slope × day + weekly effect
    /// (+ spike), exactly, so that forecasts and anomalies have known answers.
    /// </summary>
    public string Synthetic(string name, DateOnly first, int days, Func<int, string, double> cost, params string[] services)
    {
        var csv = new StringBuilder("BilledCost,EffectiveCost,ListCost,BillingCurrency,ChargePeriodStart,ChargePeriodEnd,BillingPeriodStart,BillingPeriodEnd,ProviderName,ServiceName,ChargeCategory,ResourceId,Tags\n");
        for (var d = 0; d < days; d++)
        {
            var day = first.AddDays(d);
            foreach (var service in services)
            {
                var c = cost(d, service).ToString("0.00########", CultureInfo.InvariantCulture);
                csv.Append(CultureInfo.InvariantCulture,
                    $"{c},{c},{c},USD,{day:yyyy-MM-dd}T00:00:00Z,{day.AddDays(1):yyyy-MM-dd}T00:00:00Z,{day:yyyy-MM}-01,{day.AddMonths(1):yyyy-MM}-01,Cloud,{service},Usage,{service.ToLowerInvariant()}-1,\"{{\"\"team\"\": \"\"{service.ToLowerInvariant()}-team\"\"}}\"\n");
            }
        }
        var path = File(name);
        System.IO.File.WriteAllText(path, csv.ToString());
        return path;
    }

    public void Dispose()
    {
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
    }
}
