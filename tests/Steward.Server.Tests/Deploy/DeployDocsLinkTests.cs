using System.Text.RegularExpressions;
using Steward.TestSupport;

namespace Steward.Server.Tests.Deploy;

/// <summary>The relative links of the pages that point into deploy/ resolve: files and folders exist, anchors are headings.</summary>
public sealed partial class DeployDocsLinkTests
{
    [Theory]
    [InlineData("deploy.md")]
    [InlineData("server.md")]
    [InlineData("metrics.md")]
    public void Relative_links_resolve(string page)
    {
        var docs = RepositoryPaths.InRepository("docs");
        var text = File.ReadAllText(Path.Combine(docs, page));
        var broken = new List<string>();
        foreach (Match m in Link().Matches(text))
        {
            var target = m.Groups["target"].Value;
            if (target.Contains("://", StringComparison.Ordinal) || target.StartsWith("mailto:", StringComparison.Ordinal)) continue;
            var hash = target.IndexOf('#', StringComparison.Ordinal);
            var path = hash < 0 ? target : target[..hash];
            var anchor = hash < 0 ? null : target[(hash + 1)..];
            var file = path.Length == 0 ? Path.Combine(docs, page) : Path.GetFullPath(Path.Combine(docs, path));
            if (!File.Exists(file) && !Directory.Exists(file)) { broken.Add(target); continue; }
            if (anchor is not null && !Headings(File.ReadAllText(file)).Contains(anchor)) broken.Add(target);
        }
        broken.Should().BeEmpty($"docs/{page} links to what exists");
    }

    /// <summary>GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens.</summary>
    private static HashSet<string> Headings(string markdown) =>
        [.. Heading().Matches(markdown).Select(m => Slug().Replace(m.Groups["title"].Value.Trim().ToLowerInvariant(), "").Replace(' ', '-'))];

    [GeneratedRegex(@"\]\((?<target>[^)\s]+)\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"^#{1,6} (?<title>.+)$", RegexOptions.Multiline)]
    private static partial Regex Heading();

    [GeneratedRegex(@"[^a-z0-9 _-]")]
    private static partial Regex Slug();
}
