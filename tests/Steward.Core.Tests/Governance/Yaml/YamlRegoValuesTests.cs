using Steward.Core.Governance.Yaml;
using Steward.Rego.Json;
using Steward.Rego.Values;

namespace Steward.Core.Tests.Governance.Yaml;

/// <summary>
/// The direct YAML-to-Rego conversion must give exactly the values of the path it replaced
/// (YAML → JSON nodes → Rego): that path is the oracle, over every kind of scalar the core schema
/// resolves, nesting, repeated keys and non-scalar keys.
/// </summary>
public class YamlRegoValuesTests
{
    private const string Document = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          labels: {team: risk, "quoted": "1", empty: ""}
          annotations:
            note: |
              two
              lines
        spec:
          replicas: 3
          ratio: 0.50
          exponent: 1e3
          negative: -7
          hex: 0x1F
          octal: 0o17
          big: 123456789012345678901234567890
          infinite: .inf
          quotedNumber: "42"
          yes: true
          no: False
          nothing: null
          tilde: ~
          blank:
          list: [1, "two", null, {a: b}, [], {}]
          nested: {a: {b: {c: [x, y]}}}
          ? [complex, key]
          : value
          "": empty key
        """;

    [Fact]
    public void Gives_the_values_of_the_json_path()
    {
        var node = YamlFile.Parse("a.yaml", Document)[0];

        var direct = new YamlRegoValues().Convert(node);

        var throughJson = RegoJsonNodes.FromNode(YamlScalars.ToJson(node));
        direct.Should().Be(throughJson);
        RegoJson.Serialize(direct).Should().Be(RegoJson.Serialize(throughJson));
    }

    [Fact]
    public void A_repeated_key_keeps_its_last_value_as_the_json_path_does()
    {
        var node = YamlFile.Parse("a.yaml", "a: 1\nb: 2\na: 3\n")[0];

        var direct = (RegoObject)new YamlRegoValues().Convert(node);

        direct.Should().Be(RegoJsonNodes.FromNode(YamlScalars.ToJson(node)));
        direct.Count.Should().Be(2);
        direct.Get("a").Should().Be(RegoNumber.FromInteger(3));
    }

    [Fact]
    public void One_converter_over_many_documents_gives_each_its_own_values()
    {
        var converter = new YamlRegoValues();
        foreach (var document in YamlFile.Parse("a.yaml", "x: 1\n---\nx: [1, 2]\n---\n- x\n- {x: y}\n"))
            converter.Convert(document).Should().Be(RegoJsonNodes.FromNode(YamlScalars.ToJson(document)));
    }
}
