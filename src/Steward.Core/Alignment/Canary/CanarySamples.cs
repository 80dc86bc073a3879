using System.Globalization;

namespace Steward.Core.Alignment.Canary;

/// <summary>
/// A sample file of one side of the canary: CSV with the header <c>metric,value</c> and one row per
/// observation. An empty value or <c>NaN</c> is a missing observation (the metric's NaN strategy
/// decides); anything else that is not a finite number is an error naming the file and line.
/// </summary>
public static class CanarySamples
{
    /// <summary>The most observations one file may hold.</summary>
    public const int MaxRows = 1_000_000;

    /// <summary>Metric name → observations in file order.</summary>
    /// <exception cref="StewardInputException">A bad header or row; the message names file:line.</exception>
    public static IReadOnlyDictionary<string, IReadOnlyList<double>> Parse(string file, string text)
    {
        var samples = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        using var reader = new StringReader(text);
        var lineNumber = 0;
        var header = false;
        var rows = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (lineNumber == 1 && line.Length > 0 && line[0] == '\uFEFF') line = line[1..];
            if (line.Trim().Length == 0) continue;
            var cells = Cells(line, file, lineNumber);
            if (!header)
            {
                if (cells.Count != 2 || cells[0].Trim() != "metric" || cells[1].Trim() != "value")
                    throw new StewardInputException($"{file}:{lineNumber}: expected the header metric,value");
                header = true;
                continue;
            }
            if (cells.Count != 2)
                throw new StewardInputException($"{file}:{lineNumber}: expected 2 cells (metric,value), got {cells.Count}");
            var name = cells[0].Trim();
            if (name.Length == 0)
                throw new StewardInputException($"{file}:{lineNumber}: metric: empty metric name");
            if (++rows > MaxRows)
                throw new StewardInputException($"{file}:{lineNumber}: more than {MaxRows:N0} observations, the limit of a sample file");
            var value = Value(cells[1].Trim(), file, lineNumber);
            if (!samples.TryGetValue(name, out var values)) samples[name] = values = [];
            values.Add(value);
        }
        if (!header)
            throw new StewardInputException($"{file}: empty; expected the header metric,value and one row per observation");
        return samples.ToDictionary(p => p.Key, p => (IReadOnlyList<double>)p.Value, StringComparer.Ordinal);
    }

    private static double Value(string cell, string file, int line)
    {
        if (cell.Length == 0 || cell == "NaN") return double.NaN;
        if (double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value))
            return value;
        throw new StewardInputException($"{file}:{line}: value: \"{Shorten(cell)}\" is not a number");
    }

    /// <summary>The cells of one CSV line: ',' separated, a cell may be double-quoted ("" is a quote).</summary>
    private static List<string> Cells(string line, string file, int lineNumber)
    {
        var cells = new List<string>();
        var i = 0;
        while (true)
        {
            if (i < line.Length && line[i] == '"')
            {
                var cell = new System.Text.StringBuilder();
                i++;
                while (true)
                {
                    if (i >= line.Length)
                        throw new StewardInputException($"{file}:{lineNumber}: unterminated quoted cell");
                    if (line[i] == '"')
                    {
                        if (i + 1 < line.Length && line[i + 1] == '"') { cell.Append('"'); i += 2; continue; }
                        i++;
                        break;
                    }
                    cell.Append(line[i++]);
                }
                cells.Add(cell.ToString());
                if (i < line.Length && line[i] != ',')
                    throw new StewardInputException($"{file}:{lineNumber}: text after a quoted cell");
            }
            else
            {
                var comma = line.IndexOf(',', i);
                var end = comma < 0 ? line.Length : comma;
                cells.Add(line[i..end]);
                i = end;
            }
            if (i >= line.Length) return cells;
            i++; // the comma
        }
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "...";
}
