using Steward.TestSupport;

namespace Steward.Core.Tests.FinOps;

/// <summary>The shared FOCUS sample and variants of it written to a temp folder.</summary>
internal static class FocusFiles
{
    public static string Sample => RepositoryPaths.InShared("data", "focus", "focus_sample.csv");

    /// <summary>The sample's lines (no value in it spans lines: 1,001 lines for 1,000 rows).</summary>
    public static string[] SampleLines() => File.ReadAllLines(Sample);

    /// <summary>The sample without one column.</summary>
    public static string WithoutColumn(string folder, string column)
    {
        var lines = SampleLines();
        var header = Split(lines[0]);
        var index = header.IndexOf("\"" + column + "\"");
        var rewritten = lines.Select(l =>
        {
            var cells = Split(l);
            cells.RemoveAt(index);
            return string.Join(",", cells);
        });
        var path = Path.Combine(folder, "without-" + column + ".csv");
        File.WriteAllLines(path, rewritten);
        return path;
    }

    /// <summary>The sample with the value of <paramref name="column"/> in data row <paramref name="row"/> (1-based) replaced.</summary>
    public static string WithValue(string folder, string column, int row, string value)
    {
        var lines = SampleLines();
        var index = Split(lines[0]).IndexOf("\"" + column + "\"");
        var cells = Split(lines[row]);
        cells[index] = value;
        lines[row] = string.Join(",", cells);
        var path = Path.Combine(folder, $"bad-{column}-{row}.csv");
        File.WriteAllLines(path, lines);
        return path;
    }

    /// <summary>Splits a CSV line on commas outside double quotes (the sample's quoting: "" inside quotes).</summary>
    public static List<string> Split(string line)
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
}
