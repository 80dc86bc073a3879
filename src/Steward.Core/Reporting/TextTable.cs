using System.Text;

namespace Steward.Core.Reporting;

/// <summary>
/// Steward's one plain-text table (no colour, no box drawing) so that output is the same everywhere
/// and diffs cleanly: columns padded to their widest cell, two spaces apart, trailing blanks trimmed.
/// </summary>
/// <remarks>
/// Two layouts, both contracts of existing commands: the FinOps reports underline the header with
/// dashes and may have right-aligned columns and a footer; the supply-chain listings have neither
/// rule nor alignment (<see cref="Plain"/>).
/// </remarks>
public sealed class TextTable
{
    private readonly string[] headers;
    private readonly bool[] rightAligned;
    private readonly bool ruled;
    private readonly List<string[]> rows = [];
    private string[]? footer;

    /// <summary>A table whose header is underlined with dashes; <paramref name="rightAligned"/> per column.</summary>
    public TextTable(IReadOnlyList<string> headers, IReadOnlyList<bool> rightAligned)
        : this(headers, rightAligned, ruled: true)
    {
    }

    private TextTable(IReadOnlyList<string> headers, IReadOnlyList<bool> rightAligned, bool ruled)
    {
        this.headers = [.. headers];
        this.rightAligned = [.. rightAligned];
        this.ruled = ruled;
    }

    /// <summary>A table without a rule under the header, every column left-aligned.</summary>
    public static TextTable Plain(params string[] headers) => new(headers, headers.Select(_ => false).ToList(), ruled: false);

    /// <summary>A row; a null cell is empty.</summary>
    public void Add(params IReadOnlyList<string?> cells) => rows.Add([.. cells.Select(c => c ?? "")]);

    /// <summary>A last row under a second rule (ruled tables only), e.g. the totals.</summary>
    public void Footer(IReadOnlyList<string> cells) => footer = [.. cells];

    public void Write(TextWriter output)
    {
        var all = rows.Append(headers).Concat(footer is null ? [] : [footer]).ToList();
        var widths = Enumerable.Range(0, headers.Length).Select(i => all.Max(r => r[i].Length)).ToArray();
        var rule = string.Join("  ", widths.Select(w => new string('-', w)));
        output.WriteLine(Line(headers, widths));
        if (ruled)
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
