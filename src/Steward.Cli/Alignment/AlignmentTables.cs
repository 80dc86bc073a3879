using System.Globalization;
using Spectre.Console;
using ColumnKind = Steward.Core.Alignment.Data.ColumnKind;
using Steward.Core.Alignment.Drift;
using Steward.Core.Alignment.Fairness;
using Steward.Core.Alignment.Multivariate;

namespace Steward.Cli.Alignment;

/// <summary>Terminal tables for <c>steward analyze</c>, laid out for 100 columns, without colour codes when redirected.</summary>
public static class AlignmentTables
{
    public const int Width = 100;

    public static void Drift(DriftReport report, TextWriter output, MultivariateDriftReport? multivariate = null)
    {
        var console = Console(output);
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn(new TableColumn("column").NoWrap()).AddColumn("type").AddColumn("method")
            .AddColumn(new TableColumn("statistic").RightAligned())
            .AddColumn(new TableColumn("p-value").RightAligned())
            .AddColumn(new TableColumn("threshold").RightAligned())
            .AddColumn("drift");
        foreach (var c in report.Columns)
        {
            table.AddRow(
                Markup.Escape(c.Column),
                c.Kind == ColumnKind.Numeric ? "num" : "cat",
                DriftMethods.Name(c.Method),
                Format(c.Statistic),
                c.PValue is { } p ? Format(p) : "-",
                Format(c.Threshold),
                c.Drifted ? "[red]DRIFT[/]" : "[green]ok[/]");
        }
        console.Write(table);
        console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
            $"{report.DriftedCount} of {report.Columns.Count} columns drifted (share {report.DriftShare:0.###}); dataset drift: {(report.DatasetDrift ? "[red]yes[/]" : "[green]no[/]")}"));
        if (multivariate is not null) Multivariate(multivariate, console);
    }

    /// <summary>The domain classifier's numbers under the column table.</summary>
    private static void Multivariate(MultivariateDriftReport r, IAnsiConsole console)
    {
        var u = r.Uncertainty;
        var table = new Table().Border(TableBorder.Rounded)
            .Title("multivariate drift (domain classifier)")
            .AddColumn("measure").AddColumn(new TableColumn("value").RightAligned()).AddColumn("meaning");
        table.AddRow("ROC AUC", Format(r.RocAuc), Markup.Escape(string.Create(CultureInfo.InvariantCulture,
            $"{r.Options.ConfidenceLevel:0.##%} DeLong interval [{Format(u.Lower)}, {Format(u.Upper)}]")));
        table.AddRow("no-drift bound", Format(u.NullBound), string.Create(CultureInfo.InvariantCulture,
            $"{r.Options.NullQuantile:0.##%} quantile of {r.Options.Resamples} label permutations"));
        table.AddRow("p-value", Format(u.PValue), "share of permutations with an AUC at least as high");
        table.AddRow("threshold", Format(r.Threshold), "drift: AUC above threshold and bound");
        table.AddRow("rows", string.Create(CultureInfo.InvariantCulture, $"{r.RowsReference} / {r.RowsCurrent}"), string.Create(CultureInfo.InvariantCulture,
            $"used of {r.TotalRowsReference} / {r.TotalRowsCurrent}; {r.TrainRows} trained on, {r.TestRows} held out"));
        console.Write(table);
        const int barWidth = 50;
        var importance = new Table().Border(TableBorder.Rounded).Title("most telling columns")
            .AddColumn(new TableColumn("column").NoWrap()).AddColumn(new TableColumn("share of split gain").RightAligned())
            .AddColumn(new TableColumn("").NoWrap());
        foreach (var f in r.TopFeatures)
            importance.AddRow(Markup.Escape(f.Feature), f.Importance.ToString("0.000", CultureInfo.InvariantCulture), new string('#', (int)Math.Round(f.Importance * barWidth)));
        console.Write(importance);
        console.MarkupLine("multivariate drift: " + (r.Drifted ? "[red]yes[/]" : "[green]no[/]"));
    }

    public static void Fairness(FairnessReport report, TextWriter output)
    {
        var console = Console(output);
        var table = new Table().Border(TableBorder.Rounded).AddColumn(new TableColumn("group").NoWrap()).AddColumn(new TableColumn("n").RightAligned());
        foreach (var name in new[] { "sel", "TPR", "FPR", "FNR", "TNR", "prec", "acc", "DI" })
            table.AddColumn(new TableColumn(name).RightAligned().NoWrap());
        foreach (var g in report.Groups)
        {
            table.AddRow(
                Markup.Escape(g.Group), g.Count.ToString(CultureInfo.InvariantCulture),
                Rate(g.SelectionRate), Rate(g.TruePositiveRate), Rate(g.FalsePositiveRate), Rate(g.FalseNegativeRate),
                Rate(g.TrueNegativeRate), Rate(g.Precision), Rate(g.Accuracy), Rate(report.DisparateImpact[g.Group]));
        }
        console.Write(table);
        console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"demographic parity difference {report.DemographicParityDifference:0.######}, ratio {report.DemographicParityRatio:0.######}"));
        console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"equal opportunity difference {report.EqualOpportunityDifference:0.######}, equalized odds difference {report.EqualizedOddsDifference:0.######}"));
        console.WriteLine($"sel = selection rate, prec = precision, acc = accuracy; DI = disparate impact relative to '{report.ReferenceGroup}'");
    }

    /// <summary>A two-column table of metric names and values.</summary>
    public static void Metrics(IEnumerable<(string Name, double Value)> metrics, long count, TextWriter output)
    {
        var console = Console(output);
        var table = new Table().Border(TableBorder.Rounded).AddColumn("metric").AddColumn(new TableColumn("value").RightAligned());
        table.AddRow("count", count.ToString(CultureInfo.InvariantCulture));
        foreach (var (name, value) in metrics)
            table.AddRow(name, double.IsNaN(value) ? "-" : value.ToString("G6", CultureInfo.InvariantCulture));
        console.Write(table);
    }

    private static string Format(double value) =>
        double.IsNaN(value) ? "-" : double.IsPositiveInfinity(value) ? "inf" : value.ToString("G4", CultureInfo.InvariantCulture);

    private static string Rate(double value) => double.IsNaN(value) ? "-" : value.ToString("0.000", CultureInfo.InvariantCulture);

    internal static IAnsiConsole Console(TextWriter output)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = Width;
        return console;
    }
}
