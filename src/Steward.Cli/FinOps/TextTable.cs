using System.Text;

namespace Steward.Cli.FinOps;

/// <summary>A plain-text table (no colour, no box drawing) so that output is the same everywhere and diffs cleanly.</summary>
internal sealed class TextTable
{
    private readonly string[] headers;
    private readonly bool[] rightAligned;
    private readonly List<string[]> rows = [];
    private string[]? footer;

    public TextTable(IReadOnlyList<string> headers, IReadOnlyList<bool> rightAligned)
    {
        this.headers = [.. headers];
        this.rightAligned = [.. rightAligned];
    }

    public void Add(IReadOnlyList<string> cells) => rows.Add([.. cells]);

    public void Footer(IReadOnlyList<string> cells) => footer = [.. cells];

    public void Write(TextWriter output)
    {
        var all = rows.Append(headers).Concat(footer is null ? [] : [footer]).ToList();
        var widths = Enumerable.Range(0, headers.Length).Select(i => all.Max(r => r[i].Length)).ToArray();
        var rule = string.Join("  ", widths.Select(w => new string('-', w)));
        output.WriteLine(Line(headers, widths));
        output.WriteLine(rule);
        foreach (var row in rows)
            output.WriteLine(Line(row, widths));
        if (footer is not null)
        {
            output.WriteLine(rule);
            output.WriteLine(Line(footer, widths));
        }
    }

    private string Line(string[] cells, int[] widths)
    {
        var line = new StringBuilder();
        for (var i = 0; i < cells.Length; i++)
        {
            if (i > 0)
                line.Append("  ");
            line.Append(rightAligned[i] ? cells[i].PadLeft(widths[i]) : cells[i].PadRight(widths[i]));
        }
        return line.ToString().TrimEnd();
    }
}
