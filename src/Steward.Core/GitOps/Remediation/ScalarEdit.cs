using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Steward.Core.GitOps.Remediation;

/// <summary>
/// Replaces exactly the characters of one YAML scalar in its file, keeping the scalar's quoting
/// style: comments, key order and formatting around it stay as they were.
/// </summary>
public sealed record ScalarEdit(int Start, int End, string Replacement)
{
    public static ScalarEdit Replace(YamlScalarNode node, string value) =>
        new((int)node.Start.Index, (int)node.End.Index, Format(node.Style, value));

    /// <summary>Replaces a scalar with a number, written plain.</summary>
    public static ScalarEdit ReplaceNumber(YamlScalarNode node, long value) =>
        new((int)node.Start.Index, (int)node.End.Index, value.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Inserts a new line (already indented, ending with a newline) at a character offset.</summary>
    public static ScalarEdit Insert(int at, string text) => new(at, at, text);

    private static string Format(ScalarStyle style, string value) => style switch
    {
        ScalarStyle.DoubleQuoted => "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"",
        ScalarStyle.SingleQuoted => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'",
        _ => NeedsQuotes(value) ? "\"" + value + "\"" : value,
    };

    /// <summary>Plain values that YAML would read as something other than this string get quotes.</summary>
    private static bool NeedsQuotes(string value) =>
        value.Length == 0 ||
        value is "true" or "false" or "True" or "False" or "null" or "Null" or "~" or "yes" or "no" or "on" or "off" ||
        decimal.TryParse(value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _) ||
        value.Contains(": ", StringComparison.Ordinal) || value.Contains(" #", StringComparison.Ordinal) ||
        "-?:,[]{}#&*!|>'\"%@`".Contains(value[0], StringComparison.Ordinal) || value != value.Trim();

    /// <summary>Applies edits (non-overlapping) to a text, last first so that offsets stay valid.</summary>
    public static string Apply(string text, IEnumerable<ScalarEdit> edits)
    {
        foreach (var edit in edits.OrderByDescending(e => e.Start))
            text = text[..edit.Start] + edit.Replacement + text[edit.End..];
        return text;
    }
}
