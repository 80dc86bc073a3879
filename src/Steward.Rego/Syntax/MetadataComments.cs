namespace Steward.Rego.Syntax;

/// <summary>
/// Finds `# METADATA` comment blocks and gives each one's YAML text to the package or rule that
/// starts on the line after the block (OPA's rule for which statement an annotation belongs to).
/// </summary>
internal static class MetadataComments
{
    public static void Attach(string source, Module module, int packageLine)
    {
        var lines = source.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var rulesByLine = new Dictionary<int, Rule>();
        foreach (var r in module.Rules) rulesByLine.TryAdd(r.Loc.Line, r);
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Trim() is not ("# METADATA" or "#METADATA")) continue;
            var start = i + 1;
            var end = start;
            while (end < lines.Length && lines[end].TrimStart().StartsWith('#')) end++;
            var yaml = Dedent(lines[start..end].Select(l => l.TrimStart()[1..]).ToList());
            var target = end + 1; // 1-based line of the statement after the block
            var loc = new SourceLocation(module.File, i + 1, 1, lines[i]);
            if (target == packageLine) module.PackageMetadata = new MetadataBlock(yaml, loc);
            else if (rulesByLine.TryGetValue(target, out var rule)) rule.Metadata = new MetadataBlock(yaml, loc);
            i = end - 1;
        }
    }

    /// <summary>"# title: x" leaves " title: x"; the common leading space is not YAML indentation.</summary>
    private static string Dedent(List<string> lines)
    {
        var indent = lines.Where(l => l.Trim().Length > 0).Select(l => l.Length - l.TrimStart().Length).DefaultIfEmpty(0).Min();
        return string.Join('\n', lines.Select(l => l.Length >= indent ? l[indent..] : l.TrimStart()));
    }
}

/// <summary>The YAML of one METADATA comment block and where it was written.</summary>
public sealed record MetadataBlock(string Yaml, SourceLocation Loc);
