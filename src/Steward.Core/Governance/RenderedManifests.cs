using System.Text;

namespace Steward.Core.Governance;

/// <summary>
/// Manifests rendered outside the repository (<c>helm template</c>, <c>kustomize build</c>) and
/// given to <c>steward check --manifests FILE|-</c>: a name for messages (the file, or
/// <c>&lt;stdin&gt;</c>) and the text.
/// </summary>
public sealed record RenderedManifests(string Name, string Text)
{
    public const string StandardInput = "<stdin>";

    private const string SourcePrefix = "# Source: ";

    /// <summary>
    /// The parts of the stream by origin. Helm writes <c># Source: chart/templates/x.yaml</c> before
    /// each document: the document is named after that template, its lines counted from the line
    /// after the comment. Text before any such comment (all of it for kustomize) keeps the stream's
    /// name and lines.
    /// </summary>
    public IReadOnlyList<(string File, string Text)> Parts()
    {
        var parts = new List<(string File, string Text)>();
        var name = Name;
        var text = new StringBuilder();
        var start = 0;
        while (start < Text.Length)
        {
            var end = Text.IndexOf('\n', start);
            var next = end < 0 ? Text.Length : end + 1;
            var line = Text[start..next];
            if (line.StartsWith(SourcePrefix, StringComparison.Ordinal) && line[SourcePrefix.Length..].Trim() is { Length: > 0 } source)
            {
                if (text.Length > 0) parts.Add((name, text.ToString()));
                name = source;
                text.Clear();
            }
            else
            {
                text.Append(line);
            }
            start = next;
        }
        if (text.Length > 0) parts.Add((name, text.ToString()));
        return parts;
    }
}
