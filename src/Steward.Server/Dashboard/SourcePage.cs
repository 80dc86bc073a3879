using System.Text;
using Microsoft.AspNetCore.Http;
using Steward.Core.Security;
using Steward.Server.Revisions;
using static Steward.Server.Dashboard.Html;

namespace Steward.Server.Dashboard;

/// <summary>
/// <c>/source?file=PATH#LINE</c>: a file of the served repository with numbered lines, where findings and
/// budgets link to. Only files the revision holds objects or policies from are shown (named as the
/// repository's reader names them, relative to its folder): no other path of the server's disk is reachable.
/// </summary>
internal static class SourcePage
{
    /// <summary>A link to a file and line, shown as <c>file:line</c>; plain text when there is no file.</summary>
    public static string Link(string? file, int? line, string? shown = null)
    {
        if (file is null) return E(shown ?? "");
        var text = shown ?? (line is { } l ? $"{file}:{l}" : file);
        return $"<a href=\"{Href("/source", ("file", file))}{(line is { } n ? "#L" + N(n) : "")}\">{E(text)}</a>";
    }

    public static IResult Render(HttpContext http, ServedRevision revision, DashboardData data)
    {
        var file = http.Request.Query["file"].ToString();
        var repository = revision.Repository;
        var policy = repository.Policies.FirstOrDefault(p => p.Path == file);
        var known = policy is not null || repository.AllObjects.Any(o => o.File == file) || repository.Budgets.Any(b => b.Object.File == file);
        if (!known || repository.Root is not { } root)
            return Layout.Page(http, "Not found", "", revision, $"<h1>Not found</h1><p>The revision holds no file <code>{E(file)}</code>.</p>", StatusCodes.Status404NotFound);
        string text;
        try
        {
            text = policy?.Source ?? SafeFile.ReadText(Path.Combine(root, file), file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or Core.StewardInputException)
        {
            return Layout.Page(http, "Unreadable", "", revision, $"<h1>{E(file)}</h1><p class=\"bad\">{E(e.Message)}</p>", StatusCodes.Status404NotFound);
        }
        var html = new StringBuilder();
        html.Append("<h1><code>").Append(E(file)).Append("</code></h1>\n<p class=\"muted\">As the served folder holds it now (revision <code>")
            .Append(E(revision.Id)).Append("</code>).</p>\n<pre class=\"source\">");
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
            html.Append("<span id=\"L").Append(N(i + 1)).Append("\" data-n=\"").Append(N(i + 1)).Append("\">").Append(E(lines[i].TrimEnd('\r'))).Append("</span>");
        html.Append("</pre>\n");
        return Layout.Page(http, file, "", revision, html.ToString());
    }
}
