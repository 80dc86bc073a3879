using System.Text;

namespace Steward.Cli.Output;

/// <summary>
/// A titled table with rounded box borders, for the terminal report of <c>steward check</c>. Columns
/// take their widest cell; when the table is wider than the terminal, the widest columns give way
/// and their cells wrap at spaces. Written by hand rather than with Spectre.Console because `check`
/// runs on every pull request and its start-up is measured (docs/benchmarks.md): Spectre's table
/// costs about 280 JIT-compiled methods, 50–70 ms, per run; this class is plain loops over strings.
/// </summary>
public sealed class BoxTable(string title, IReadOnlyList<BoxTable.Column> columns)
{
    private const int MinimumColumnWidth = 8;

    private readonly List<Cell[]> _rows = [];

    public readonly record struct Column(string Header, bool RightAligned = false);

    public void Add(params Cell[] cells)
    {
        if (cells.Length != columns.Count) throw new ArgumentException($"expected {columns.Count} cells, got {cells.Length}", nameof(cells));
        _rows.Add(cells);
    }

    public void Write(TerminalText terminal)
    {
        var widths = Fit(NaturalWidths(), terminal.Width);
        var total = 1;
        foreach (var w in widths) total += w + 3;
        var writer = terminal.Writer;
        var pad = Math.Max(0, (total - title.Length) / 2);
        writer.WriteLine(new string(' ', pad) + title);
        writer.WriteLine(Rule('╭', '┬', '╮', widths));
        var header = new Cell[columns.Count];
        for (var i = 0; i < header.Length; i++) header[i] = new Cell(columns[i].Header);
        WriteRow(terminal, header, widths);
        writer.WriteLine(Rule('├', '┼', '┤', widths));
        foreach (var row in _rows) WriteRow(terminal, row, widths);
        writer.WriteLine(Rule('╰', '┴', '╯', widths));
    }

    private int[] NaturalWidths()
    {
        var widths = new int[columns.Count];
        for (var i = 0; i < widths.Length; i++) widths[i] = columns[i].Header.Length;
        foreach (var row in _rows)
            for (var i = 0; i < widths.Length; i++) widths[i] = Math.Max(widths[i], row[i].Text.Length);
        return widths;
    }

    /// <summary>Narrows the widest column, one character at a time, until the table fits or no column can give.</summary>
    private static int[] Fit(int[] widths, int available)
    {
        var total = 1;
        foreach (var w in widths) total += w + 3;
        while (total > available)
        {
            var widest = -1;
            for (var i = 0; i < widths.Length; i++)
                if (widths[i] > MinimumColumnWidth && (widest < 0 || widths[i] > widths[widest])) widest = i;
            if (widest < 0) break;
            widths[widest]--;
            total--;
        }
        return widths;
    }

    private void WriteRow(TerminalText terminal, Cell[] row, int[] widths)
    {
        var lines = new List<string>[row.Length];
        var height = 1;
        for (var i = 0; i < row.Length; i++)
        {
            lines[i] = Wrap(row[i].Text, widths[i]);
            height = Math.Max(height, lines[i].Count);
        }
        var line = new StringBuilder();
        for (var l = 0; l < height; l++)
        {
            line.Clear().Append('│');
            for (var i = 0; i < row.Length; i++)
            {
                var text = l < lines[i].Count ? lines[i][l] : "";
                var gap = new string(' ', widths[i] - text.Length);
                var right = columns[i].RightAligned;
                line.Append(' ');
                if (right) line.Append(gap);
                line.Append(terminal.Styled(text, row[i].Style));
                if (!right) line.Append(gap);
                line.Append(" │");
            }
            terminal.Writer.WriteLine(line.ToString());
        }
    }

    /// <summary>Breaks <paramref name="text"/> into lines of at most <paramref name="width"/> characters, at spaces where it can.</summary>
    internal static List<string> Wrap(string text, int width)
    {
        var lines = new List<string>();
        if (text.Length <= width)
        {
            lines.Add(text);
            return lines;
        }
        var rest = text.AsSpan();
        while (rest.Length > width)
        {
            var cut = rest[..(width + 1)].LastIndexOf(' ');
            if (cut <= 0)
            {
                lines.Add(rest[..width].ToString());
                rest = rest[width..];
            }
            else
            {
                lines.Add(rest[..cut].TrimEnd().ToString());
                rest = rest[(cut + 1)..].TrimStart();
            }
        }
        if (rest.Length > 0 || lines.Count == 0) lines.Add(rest.ToString());
        return lines;
    }

    private static string Rule(char left, char middle, char right, int[] widths)
    {
        var rule = new StringBuilder().Append(left);
        for (var i = 0; i < widths.Length; i++)
        {
            if (i > 0) rule.Append(middle);
            rule.Append('─', widths[i] + 2);
        }
        return rule.Append(right).ToString();
    }
}

/// <summary>One cell: its text and how it is coloured on a terminal that shows colours.</summary>
public readonly record struct Cell(string Text, Ink Style = Ink.None)
{
    public static implicit operator Cell(string text) => new(text);
}
