using System.Text;
using Steward.Core.Governance.Yaml;
using YamlDotNet.RepresentationModel;

namespace Steward.Core.Tests.Governance.Yaml;

/// <summary>The YAML loader's bounds (issue 12): alias expansion, nesting depth, file size; each a one-line exit-2 error.</summary>
public sealed class YamlLimitsTests
{
    /// <summary>The classic billion laughs: 9 levels of 9 aliases, under 1 KB, expands to 9^9 strings.</summary>
    private static string BillionLaughs()
    {
        var text = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (var level = 'b'; level <= 'i'; level++)
        {
            var previous = (char)(level - 1);
            text.Append(level).Append(": &").Append(level).Append(" [")
                .Append(string.Join(",", Enumerable.Repeat("*" + previous, 9))).Append("]\n");
        }
        return text.ToString();
    }

    [Fact(Timeout = 20_000)]
    public void Billion_laughs_is_refused_at_load_naming_the_alias_and_the_limit()
    {
        var text = BillionLaughs();
        text.Length.Should().BeLessThan(1024);

        var act = () => YamlFile.Load("bomb.yaml", text);

        // The largest alias is the first *h of line 9 (column 8): "i: &i [" is 7 characters.
        // Counted as go-yaml does (each node once per time it is decoded; keys too), by hand:
        // N(a) = 1 + 9 = 10, N(x) = 1 + 9 * (1 + N(previous)) up to N(i) = 484,275,610; the document is
        // 1 (document) + 1 (root) + 9 keys + N(a) + ... + N(i) = 544,810,061 nodes, of which the aliases
        // bring 9 * (N(a) + ... + N(h)) = 544,809,960; above 4,000,000 nodes only 10% may come from aliases.
        act.Should().Throw<StewardInputException>()
            .WithMessage("bomb.yaml:9:8: excessive aliasing: the document expands to 544,810,061 nodes, 544,809,960 of them through aliases " +
                "(the limit, as Kubernetes' YAML reader: at most 10% from aliases at that size)");
    }

    [Fact]
    public void Moderate_aliasing_as_in_real_manifests_loads()
    {
        // 3 aliases of a 5-node mapping: 15 alias-driven nodes, under go-yaml's floor of 100.
        var text = "base: &base {cpu: 1, memory: 2}\na: *base\nb: *base\nc: *base\n";

        var documents = YamlFile.Load("ok.yaml", text).Documents;

        var root = (YamlMappingNode)documents.Single();
        ((YamlMappingNode)root.Children[new YamlScalarNode("c")]).Children.Should().HaveCount(2);
    }

    [Fact]
    public void Go_yaml_alias_allowance_is_99_percent_to_400000_nodes_then_falls_to_10_percent_at_4000000()
    {
        YamlEventScan.AllowedAliasRatio(400_000).Should().Be(0.99);
        YamlEventScan.AllowedAliasRatio(4_000_000).Should().Be(0.10);
        // Halfway (2,200,000): 0.99 - 0.89 * 0.5 = 0.545.
        YamlEventScan.AllowedAliasRatio(2_200_000).Should().BeApproximately(0.545, 1e-12);
    }

    [Fact]
    public void An_alias_inside_its_own_anchor_is_refused()
    {
        var act = () => YamlFile.Load("loop.yaml", "a: &a [1, *a]\n");

        act.Should().Throw<StewardInputException>().WithMessage("loop.yaml:1:11: alias *a refers to a node that contains it");
    }

    [Fact(Timeout = 20_000)]
    public void Thirty_thousand_deep_block_yaml_is_refused_without_overflowing_the_stack()
    {
        // "- - - ... x": 30,000 block lists nested on one line (60 KB).
        var text = string.Concat(Enumerable.Repeat("- ", 30_000)) + "x\n";

        var act = () => YamlFile.Load("deep.yaml", text);

        // The 257th list starts at its '-', column 2 * 256 + 1 = 513.
        act.Should().Throw<StewardInputException>().WithMessage("deep.yaml:1:513: nesting deeper than 256 levels (the limit)");
    }

    [Fact(Timeout = 20_000)]
    public void Hundred_thousand_deep_flow_json_is_refused_without_overflowing_the_stack()
    {
        var text = new string('[', 100_000) + new string(']', 100_000);

        var act = () => YamlFile.Load("deep.json", text);

        // The 257th '[' is at column 257 of line 1.
        act.Should().Throw<StewardInputException>().WithMessage("deep.json:1:257: nesting deeper than 256 levels (the limit)");
    }

    [Fact]
    public void Nesting_at_the_limit_loads()
    {
        var text = new string('[', 256) + new string(']', 256);

        YamlFile.Load("deep.json", text).Documents.Should().ContainSingle();
    }

    [Fact]
    public void An_alias_that_expands_past_the_depth_limit_is_refused()
    {
        // A 200-deep anchored list, aliased under 100 more levels: 300 after expansion.
        var text = "a: &deep " + new string('[', 200) + new string(']', 200) + "\nb: " + new string('[', 100) + "*deep" + new string(']', 100) + "\n";

        var act = () => YamlFile.Load("alias.yaml", text);

        // Line 2: "b: " then 100 '[' → the alias starts at column 104.
        act.Should().Throw<StewardInputException>()
            .WithMessage("alias.yaml:2:104: nesting deeper than 256 levels (the limit) once alias *deep is expanded");
    }

    [Fact]
    public void A_file_over_3_MiB_is_refused_naming_the_limit()
    {
        var text = "a: \"" + new string('x', 3 * 1024 * 1024) + "\"\n";

        var act = () => YamlFile.Load("big.yaml", text);

        // 3 * 1024 * 1024 + 6 bytes ("a: \"" and "\"\n").
        act.Should().Throw<StewardInputException>()
            .WithMessage("big.yaml: the file is 3,145,734 bytes, over the limit of 3,145,728 bytes (3 MiB) for a YAML file");
    }

    [Fact]
    public void Limits_can_be_tightened()
    {
        var limits = ParseLimits.Default with { MaxDepth = 2 };

        var act = () => YamlFile.Load("x.yaml", "a: {b: {c: 1}}\n", limits);

        act.Should().Throw<StewardInputException>().WithMessage("x.yaml:1:8: nesting deeper than 2 levels (the limit)");
    }
}
