using System.Text.Json.Nodes;
using Steward.Rego.Json;
using Steward.Rego.Values;

namespace Steward.Rego.Tests.Json;

/// <summary>
/// <c>check</c> converts each loaded object (a JsonNode) to Rego directly; the values must be
/// those of the old way, <c>RegoJson.Parse(node.ToJsonString())</c>, whatever CLR value a node holds.
/// </summary>
public class RegoJsonNodesTests
{
    private static void Same(JsonNode? node)
    {
        var expected = RegoJson.Parse(node?.ToJsonString() ?? "null");
        var actual = RegoJsonNodes.FromNode(node);
        actual.Should().Be(expected);
        RegoJson.Serialize(actual).Should().Be(RegoJson.Serialize(expected));
        actual.GetHashCode().Should().Be(expected.GetHashCode());
    }

    [Fact]
    public void Built_nodes_with_every_kind_of_clr_value_convert_as_their_json_text_reads()
    {
        Same(new JsonObject
        {
            ["apiVersion"] = "apps/v1",
            ["replicas"] = 3,
            ["long"] = 9_223_372_036_854_775_807L,
            ["decimal"] = 2.50m,
            ["decimalInteger"] = 4.0m,
            ["bigDecimal"] = 79_228_162_514_264_337_593_543_950_335m,
            ["double"] = 0.1,
            ["doubleMax"] = double.MaxValue,
            ["negativeZero"] = -0.0,
            ["float"] = 1.5f,
            ["byte"] = (byte)7,
            ["bool"] = true,
            ["false"] = false,
            ["null"] = null,
            ["guid"] = Guid.Parse("6f9619ff-8b86-d011-b42d-00cf4fc964ff"),
            ["char"] = JsonValue.Create('x'),
            ["empty"] = new JsonObject(),
            ["list"] = new JsonArray(1, "two", new JsonArray(), null, 3.25m),
            ["Zebra"] = "ordinal order puts capitals first",
            ["é"] = "and non-ASCII after ASCII",
        });
    }

    [Theory]
    [InlineData("""{"metadata": {"name": "x", "labels": {"team": "a"}}, "spec": {"replicas": 1, "cpu": 0.5, "big": 123456789012345678901234567890, "huge": 1e400, "exp": 1e3}}""")]
    [InlineData("""[1.0, -0, 2.50, 9223372036854775808, "s", true, null, {}]""")]
    [InlineData("42")]
    [InlineData("\"text\"")]
    public void Parsed_nodes_convert_as_their_json_text_reads(string json) => Same(JsonNode.Parse(json));

    [Fact]
    public void A_null_node_is_null() => RegoJsonNodes.FromNode(null).Should().Be(RegoNull.Instance);

    [Fact]
    public void Deep_objects_convert()
    {
        // InputDepth lets objects of 512 levels through to policies.
        JsonNode node = new JsonArray();
        for (var i = 0; i < 511; i++) node = new JsonArray(node);
        Same(node);
    }
}
