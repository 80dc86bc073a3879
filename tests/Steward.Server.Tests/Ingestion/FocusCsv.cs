using System.Globalization;

namespace Steward.Server.Tests.Ingestion;

/// <summary>The test's own reading of a FOCUS CSV (quotes, doubled quotes, NULL): its row count and BilledCost sum, computed independently of DuckDB.</summary>
internal static class FocusCsv
{
    public static (long Rows, decimal BilledCost) RowsAndBilledCost(string path)
    {
        var records = Records(File.ReadAllText(path)).ToList();
        var billed = records[0].IndexOf("BilledCost");
        var sum = 0m;
        foreach (var record in records.Skip(1))
            if (record[billed] is not ("" or "NULL") and var value)
                sum += decimal.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture);
        return (records.Count - 1, sum);
    }

    private static IEnumerable<List<string>> Records(string text)
    {
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { fields.Add(field.ToString()); field.Clear(); }
            else if (c == '\n')
            {
                fields.Add(field.ToString().TrimEnd('\r'));
                field.Clear();
                yield return fields;
                fields = [];
            }
            else field.Append(c);
        }
        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            yield return fields;
        }
    }
}
