using Steward.Core.Governance.Yaml;
using YamlDotNet.RepresentationModel;

namespace Steward.Core.Tests.Governance.Yaml;

/// <summary>A repeated mapping key loads with the last value (as kubectl) and a duplicate-key diagnostic.</summary>
public sealed class YamlDuplicateKeyTests
{
    // As in kubernetes/examples: a Service whose spec has selector twice.
    private const string Service = """
        apiVersion: v1
        kind: Service
        metadata:
          name: web
        spec:
          selector:
            app: old
          ports:
            - port: 80
          selector:
            app: web
        """;

    [Fact]
    public void The_last_value_wins_and_a_diagnostic_names_both_lines()
    {
        var result = YamlFile.Load("svc.yaml", Service);

        var spec = (YamlMappingNode)((YamlMappingNode)result.Documents.Single()).Children[new YamlScalarNode("spec")];
        spec.Children.Keys.Select(k => ((YamlScalarNode)k).Value).Should().Equal("ports", "selector");
        var selector = (YamlMappingNode)spec.Children[new YamlScalarNode("selector")];
        selector.Children[new YamlScalarNode("app")].ToString().Should().Be("web");
        // The second selector is on line 10, column 3; the first on line 6.
        result.Diagnostics.Should().Equal(new YamlDiagnostic("svc.yaml", 10, 3, "duplicate-key",
            "mapping key 'selector' is repeated (first at line 6); the last value is used"));
    }

    [Fact]
    public void Parse_ignores_the_diagnostics()
    {
        YamlFile.Parse("svc.yaml", Service).Should().ContainSingle();
    }

    [Fact]
    public void A_key_repeated_three_times_gives_two_diagnostics_and_keeps_the_third_value()
    {
        var result = YamlFile.Load("x.yaml", "a: 1\na: 2\na: 3\n");

        var root = (YamlMappingNode)result.Documents.Single();
        root.Children[new YamlScalarNode("a")].ToString().Should().Be("3");
        result.Diagnostics.Select(d => (d.Line, d.Message)).Should().Equal(
            (2, "mapping key 'a' is repeated (first at line 1); the last value is used"),
            (3, "mapping key 'a' is repeated (first at line 2); the last value is used"));
    }

    [Fact]
    public void A_quoted_and_a_plain_key_of_the_same_text_are_the_same_key()
    {
        var result = YamlFile.Load("x.yaml", "a: 1\n\"a\": 2\n");

        result.Diagnostics.Should().ContainSingle().Which.Line.Should().Be(2);
    }

    [Fact]
    public void An_alias_to_the_replaced_value_is_refused_naming_it()
    {
        var act = () => YamlFile.Load("x.yaml", "a: &x 1\nb: *x\na: 2\n");

        act.Should().Throw<StewardInputException>()
            .WithMessage("x.yaml:2:4: alias *x refers to the value of a repeated mapping key, which the later value replaces");
    }

    [Fact]
    public void Repeated_keys_in_different_mappings_are_not_duplicates()
    {
        YamlFile.Load("x.yaml", "a: {k: 1}\nb: {k: 2}\n---\na: 3\n").Diagnostics.Should().BeEmpty();
    }
}
