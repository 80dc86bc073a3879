using System.Globalization;
using Steward.Core.Governance.Yaml;
using Steward.Rego.Json;
using Steward.Rego.Values;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

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

    [Fact]
    public void Every_kind_of_number_text_gives_the_value_of_the_json_path()
    {
        // The oracle is the replaced path (decimal -> JsonValue -> JSON text -> decoder); the texts are the
        // core schema's numbers in every shape: signs, fractions with trailing zeros, exponents that stay
        // decimal or overflow it (those stay strings), integers past 64 bits and past a decimal, hex, octal.
        var texts = new List<string>
        {
            "0", "-0", "+0", "0.0", "-0.0", "00", "007", "1", "-1", "+1", "1.", ".5", "-.5", "1.50", "0.1", "2.0",
            "1e3", "1E3", "1e+3", "1e-3", "1.0e2", "1.5e-7", "-2.5E+10", "1e28", "1e29", "1e40", "7.9e28", "1e-28", "1e-29",
            "9223372036854775807", "9223372036854775808", "-9223372036854775808", "-9223372036854775809",
            "79228162514264337593543950335", "79228162514264337593543950336", "123456789012345678901234567890",
            "0.0000000000000000000000000001", "0.00000000000000000000000000001", "3.14159265358979323846264338327950288",
            "0x0", "0x1F", "0xff", "0x7FFFFFFFFFFFFFFF", "0x8000000000000000", "0o0", "0o17", "0o777777777777777777777", "0o8",
            ".inf", "+.inf", ".Inf", "-.inf", ".nan", "1e", "1e+", "e3", "-", "+", ".", "1.2.3", "1_000", " 1",
        };
        var random = new Random(14);
        for (var i = 0; i < 4000; i++) texts.Add(RandomNumberText(random));

        var converter = new YamlRegoValues();
        foreach (var text in texts)
        {
            var node = new YamlScalarNode(text) { Style = ScalarStyle.Plain };
            var direct = converter.Convert(node);
            var throughJson = RegoJsonNodes.FromNode(YamlScalars.ToJson(node));
            direct.Should().Be(throughJson, text);
            RegoJson.Serialize(direct).Should().Be(RegoJson.Serialize(throughJson), text);
            if (direct is RegoNumber number)
            {
                // The same representation, not only an equal value: integer or decimal, and a decimal's scale.
                var expected = (RegoNumber)throughJson;
                number.IsInteger.Should().Be(expected.IsInteger, text);
                number.TryGetDecimal(out var got).Should().Be(expected.TryGetDecimal(out var want), text);
                got.ToString(CultureInfo.InvariantCulture).Should().Be(want.ToString(CultureInfo.InvariantCulture), text);
            }
        }
    }

    private static string RandomNumberText(Random random)
    {
        var sign = random.Next(3) switch { 0 => "", 1 => "-", _ => "+" };
        var digits = Digits(random, random.Next(1, 35));
        var fraction = random.Next(3) == 0 ? "" : "." + Digits(random, random.Next(0, 32));
        var exponent = random.Next(3) == 0
            ? (random.Next(2) == 0 ? "e" : "E") + (random.Next(3) switch { 0 => "", 1 => "-", _ => "+" }) + random.Next(0, 45)
            : "";
        return sign + digits + fraction + exponent;
    }

    private static string Digits(Random random, int count)
    {
        var chars = new char[count];
        for (var i = 0; i < count; i++) chars[i] = (char)('0' + random.Next(10));
        // Many leading zeros and many trailing zeros are shapes of their own.
        if (count > 2 && random.Next(4) == 0) chars[0] = '0';
        if (count > 2 && random.Next(4) == 0) chars[^1] = '0';
        return new string(chars);
    }
}
