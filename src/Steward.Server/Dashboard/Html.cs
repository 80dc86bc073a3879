using System.Globalization;
using System.Net;
using System.Text;

namespace Steward.Server.Dashboard;

/// <summary>
/// Writing HTML safely: every value from the repository, the store or the request goes through
/// <see cref="E"/> (text and attribute values alike; attributes are always double-quoted), and URLs
/// are built from escaped query values. Numbers are written as the CLI's tables write them.
/// </summary>
internal static class Html
{
    public static string E(string? text) => WebUtility.HtmlEncode(text ?? "");

    /// <summary>A number with no separators (counts, line numbers).</summary>
    public static string N(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A link to a dashboard path with query parameters (null or empty values left out), HTML-encoded for an attribute.</summary>
    public static string Href(string path, params (string Name, string? Value)[] query)
    {
        var parts = query.Where(q => !string.IsNullOrEmpty(q.Value)).Select(q => Uri.EscapeDataString(q.Name) + "=" + Uri.EscapeDataString(q.Value!)).ToList();
        return E(parts.Count == 0 ? path : path + "?" + string.Join("&", parts));
    }

    /// <summary>A path segment (a model's name) escaped for a URL.</summary>
    public static string Segment(string value) => Uri.EscapeDataString(value);

    /// <summary>A table: header cells (a leading '#' right-aligns a numeric column) and rows of already-encoded cells.</summary>
    public static void Table(StringBuilder html, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows, string? id = null, IReadOnlyList<string>? footer = null)
    {
        var numeric = headers.Select(h => h.StartsWith('#')).ToList();
        html.Append("<table").Append(id is null ? "" : $" id=\"{E(id)}\"").Append("><thead><tr>");
        foreach (var h in headers)
            html.Append(h.StartsWith('#') ? "<th class=\"n\">" : "<th>").Append(E(h.TrimStart('#'))).Append("</th>");
        html.Append("</tr></thead>\n<tbody>\n");
        foreach (var row in rows)
        {
            html.Append("<tr>");
            for (var i = 0; i < row.Count; i++)
                html.Append(numeric[i] ? "<td class=\"n\">" : "<td>").Append(row[i]).Append("</td>");
            html.Append("</tr>\n");
        }
        html.Append("</tbody>");
        if (footer is not null)
        {
            html.Append("<tfoot><tr>");
            for (var i = 0; i < footer.Count; i++)
                html.Append(numeric[i] ? "<th class=\"n\">" : "<th>").Append(footer[i]).Append("</th>");
            html.Append("</tr></tfoot>");
        }
        html.Append("</table>\n");
    }
}
