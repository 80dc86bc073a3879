using System.Text.RegularExpressions;
using Steward.Cli.Commands;
using Steward.TestSupport;
using YamlDotNet.RepresentationModel;

namespace Steward.Cli.Tests.Check;

/// <summary>
/// The GitHub Action, the GitLab template and the CI guide parse and call <c>steward check</c> only
/// with flags and formats the command really has: drift between them and the CLI fails here.
/// </summary>
public partial class CiTemplateTests
{
    private static readonly string ActionFile = RepositoryPaths.InRepository("action.yml");
    private static readonly string GitlabFile = RepositoryPaths.InRepository("ci", "gitlab", "steward.gitlab-ci.yml");
    private static readonly string Guide = RepositoryPaths.InRepository("docs", "ci.md");

    private static YamlMappingNode Load(string path)
    {
        var yaml = new YamlStream();
        using var reader = new StreamReader(path);
        yaml.Load(reader);
        return (YamlMappingNode)yaml.Documents.Single().RootNode;
    }

    private static YamlNode At(YamlNode node, params string[] keys) =>
        keys.Aggregate(node, (n, key) => ((YamlMappingNode)n).Children[new YamlScalarNode(key)]);

    private static IEnumerable<string> Scalars(YamlNode node) => node switch
    {
        YamlScalarNode s => [s.Value ?? ""],
        YamlSequenceNode q => q.Children.SelectMany(Scalars),
        YamlMappingNode m => m.Children.SelectMany(kv => Scalars(kv.Key).Concat(Scalars(kv.Value))),
        _ => [],
    };

    /// <summary>Every --flag on a line that runs steward check (or builds its steward_args), and every --format value.</summary>
    private static List<(string Flag, string? Value, string Line)> StewardFlags(IEnumerable<string> texts)
    {
        var found = new List<(string, string?, string)>();
        foreach (var line in texts.SelectMany(t => t.Split('\n')))
        {
            if (!line.Contains("steward_args", StringComparison.Ordinal) && !StewardCheck().IsMatch(line)) continue;
            foreach (Match m in Flag().Matches(line))
                found.Add((m.Groups["flag"].Value, m.Groups["value"].Success ? m.Groups["value"].Value : null, line.Trim()));
        }
        return found;
    }

    private static HashSet<string> CheckOptions()
    {
        var check = StewardApp.BuildRoot().Subcommands.Single(c => c.Name == "check");
        return check.Options.SelectMany(o => o.Aliases.Append(o.Name)).ToHashSet(StringComparer.Ordinal);
    }

    private static void OnlyExistingFlags(IEnumerable<string> texts, int atLeast)
    {
        var options = CheckOptions();
        var flags = StewardFlags(texts);
        flags.Count.Should().BeGreaterThanOrEqualTo(atLeast);
        foreach (var (flag, value, line) in flags)
        {
            options.Should().Contain(flag, $"`{line}` uses it");
            if (flag == "--format" && value is not null) CheckCommand.Formats.Should().Contain(value, $"`{line}` uses it");
        }
    }

    [Fact]
    public void Action_is_a_composite_that_uploads_sarif_even_when_the_gate_fails()
    {
        var action = Load(ActionFile);

        ((YamlScalarNode)At(action, "runs", "using")).Value.Should().Be("composite");
        var steps = ((YamlSequenceNode)At(action, "runs", "steps")).Children.Cast<YamlMappingNode>().ToList();
        var upload = steps.Single(s => s.Children.TryGetValue(new YamlScalarNode("uses"), out var u) && ((YamlScalarNode)u).Value!.StartsWith("github/codeql-action/upload-sarif@", StringComparison.Ordinal));
        ((YamlScalarNode)At(upload, "if")).Value.Should().Contain("always()");
        // The gate is the last step, after the upload.
        ((YamlScalarNode)At(steps[^1], "name")).Value.Should().Be("Gate");
    }

    [Fact]
    public void Action_calls_steward_check_only_with_its_flags()
    {
        OnlyExistingFlags(Scalars(Load(ActionFile)), atLeast: 5);
    }

    [Fact]
    public void Gitlab_template_attaches_code_quality_and_uses_only_existing_flags()
    {
        var template = Load(GitlabFile);

        ((YamlScalarNode)At(template, "steward", "artifacts", "reports", "codequality")).Value.Should().Be("gl-code-quality-report.json");
        ((YamlScalarNode)At(template, "steward", "artifacts", "when")).Value.Should().Be("always");
        OnlyExistingFlags(Scalars(template), atLeast: 8);
    }

    [Fact]
    public void Guide_uses_only_existing_flags()
    {
        OnlyExistingFlags(File.ReadLines(Guide), atLeast: 5);
    }

    [GeneratedRegex(@"(^|[\s""'`(])steward check\b")]
    private static partial Regex StewardCheck();

    [GeneratedRegex(@"(?<![\w-])(?<flag>--[a-z][a-z0-9-]*)(?:[ =](?<value>[a-z]+)\b)?")]
    private static partial Regex Flag();
}
