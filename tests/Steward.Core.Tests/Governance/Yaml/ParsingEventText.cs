using System.Globalization;
using System.Text;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Steward.Core.Tests.Governance.Yaml;

/// <summary>
/// Every observable field of a parsing event as one line of text, so two event lists compare
/// field by field and a difference shows which event and field. <c>Scalar.IsKey</c> is left out
/// on purpose: SimpleYamlEvents does not set it (setting it is what makes YamlDotNet call
/// <c>string.IsInterned</c>), and nothing in Steward reads it.
/// </summary>
internal static class ParsingEventText
{
    public static string Describe(ParsingEvent e)
    {
        var text = new StringBuilder(e.GetType().Name);
        text.Append(' ').Append(Mark(e.Start)).Append('-').Append(Mark(e.End));
        if (e is NodeEvent node)
            text.Append(" anchor=").Append(node.Anchor.IsEmpty ? "(empty)" : node.Anchor.Value)
                .Append(" tag=").Append(node.Tag.IsEmpty ? "(empty)" : node.Tag.Value);
        switch (e)
        {
            case Scalar s:
                text.Append(" value=\"").Append(Escape(s.Value)).Append("\" style=").Append(s.Style)
                    .Append(" plainImplicit=").Append(s.IsPlainImplicit).Append(" quotedImplicit=").Append(s.IsQuotedImplicit);
                break;
            case MappingStart m:
                text.Append(" implicit=").Append(m.IsImplicit).Append(" style=").Append(m.Style);
                break;
            case SequenceStart q:
                text.Append(" implicit=").Append(q.IsImplicit).Append(" style=").Append(q.Style);
                break;
            case DocumentStart d:
                text.Append(" implicit=").Append(d.IsImplicit).Append(" version=").Append(d.Version?.Version.ToString() ?? "(none)")
                    .Append(" tags=").Append(d.Tags is null ? "(none)" : string.Join(",", d.Tags.Select(t => t.Handle + "=" + t.Prefix)));
                break;
            case DocumentEnd d:
                text.Append(" implicit=").Append(d.IsImplicit);
                break;
            case AnchorAlias a:
                text.Append(" alias=").Append(a.Value.Value);
                break;
        }
        return text.ToString();
    }

    public static List<string> Describe(IEnumerable<ParsingEvent> events) => events.Select(Describe).ToList();

    /// <summary>YamlDotNet's parser's events for <paramref name="text"/>, or null when it rejects the text.</summary>
    public static List<ParsingEvent>? YamlDotNetEvents(string text)
    {
        var parser = new Parser(new StringReader(text));
        var events = new List<ParsingEvent>();
        try
        {
            while (parser.MoveNext()) events.Add(parser.Current!);
        }
        catch (Exception e) when (e is YamlException or InvalidOperationException)
        {
            return null;
        }
        return events;
    }

    private static string Mark(Mark m) => string.Create(CultureInfo.InvariantCulture, $"({m.Index},{m.Line},{m.Column})");

    private static string Escape(string s) => s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal)
        .Replace("\r", "\\r", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
}
