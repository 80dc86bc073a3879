using System.Text;
using System.Text.Json;
using Steward.Rego.Conformance;
using Steward.Rego.Json;
using Steward.Rego.Values;
using Steward.TestSupport;

namespace Steward.Rego.Tests.Json;

/// <summary>
/// The UTF-8 decoder gives exactly the values of <see cref="RegoJson.Parse"/> (the reference:
/// JsonDocument, then a sorted-dictionary builder): same value, same JSON text (which shows a
/// number's representation: 1e400 stays 1e400, 1.0 becomes 1), same hash.
/// </summary>
public class RegoJsonDecoderTests
{
    private static RegoValue Decode(string json) => RegoJsonDecoder.Decode(Encoding.UTF8.GetBytes(json));

    private static void Same(string json)
    {
        var expected = RegoJson.Parse(json);
        var actual = Decode(json);
        actual.Should().Be(expected, json);
        RegoJson.Serialize(actual).Should().Be(RegoJson.Serialize(expected), json);
        actual.GetHashCode().Should().Be(expected.GetHashCode(), json);
    }

    [Fact]
    public void Every_json_document_of_the_conformance_suite_decodes_as_RegoJson_Parse_reads_it()
    {
        var checkedDocuments = 0;
        foreach (var c in ConformanceHarness.Load(RepositoryPaths.InShared("conformance", "opa")))
        {
            foreach (var field in new[] { "input", "data", "want_result" })
            {
                if (!c.Json.TryGetProperty(field, out var element)) continue;
                Same(element.GetRawText());
                checkedDocuments++;
            }
        }
        // The suite has 1,619 cases; most have data or a wanted result, many an input.
        checkedDocuments.Should().BeGreaterThan(1000);
    }

    [Theory]
    [InlineData("123456789012345678901234567890")]
    [InlineData("-123456789012345678901234567890")]
    [InlineData("9223372036854775807")]
    [InlineData("9223372036854775808")]
    [InlineData("-9223372036854775808")]
    [InlineData("-9223372036854775809")]
    [InlineData("1e400")]
    [InlineData("-1e400")]
    [InlineData("1e30")]
    [InlineData("1E3")]
    [InlineData("1.0")]
    [InlineData("0.1")]
    [InlineData("-0")]
    [InlineData("-0.0")]
    [InlineData("0e10")]
    [InlineData("1.5e-7")]
    [InlineData("3.14159265358979323846264338327950288")]
    [InlineData("1e-400")]
    [InlineData("1023")]
    [InlineData("1024")]
    [InlineData("[0, 1, 1023, 1024, -1, 2.50, 100000000000000000000000000000000]")]
    public void Numbers_keep_the_representation_RegoNumber_Parse_gives_them(string json) => Same(json);

    [Fact]
    public void Numbers_as_written_and_as_normalised()
    {
        // Independently known renderings: 1.0 is the integer 1, -0 is 0, 1e400 keeps its text.
        RegoJson.Serialize(Decode("[1.0, -0, 1e400, 2.50, 12345678901234567890123]"))
            .Should().Be("[1,0,1e400,2.5,12345678901234567890123]");
        ((RegoNumber)Decode("123456789012345678901234567890")).IsInteger.Should().BeTrue();
    }

    [Theory]
    [InlineData("""{"a": 1, "a": 2}""")]
    [InlineData("""{"b": 1, "a": 2, "b": 3, "a": 4, "c": 5}""")]
    [InlineData("""{"k19":19,"k18":18,"k17":17,"k16":16,"k15":15,"k14":14,"k13":13,"k12":12,"k11":11,"k10":10,"k9":9,"k8":8,"k7":7,"k6":6,"k5":5,"k4":4,"k3":3,"k2":2,"k1":1,"k0":0,"k7":"again","k0":"last"}""")]
    public void A_key_given_twice_keeps_its_last_value(string json) => Same(json);

    [Fact]
    public void Duplicate_keys_in_a_large_object_keep_the_last_value_and_one_entry()
    {
        var o = (RegoObject)Decode("""{"k19":19,"k18":18,"k17":17,"k16":16,"k15":15,"k14":14,"k13":13,"k12":12,"k11":11,"k10":10,"k9":9,"k8":8,"k7":7,"k6":6,"k5":5,"k4":4,"k3":3,"k2":2,"k1":1,"k0":0,"k7":"again","k0":"last"}""");
        o.Count.Should().Be(20);
        o.Get("k7").Should().Be(new RegoString("again"));
        o.Get("k0").Should().Be(new RegoString("last"));
    }

    [Theory]
    [InlineData("""{"z": 1, "Z": 2, "é": 3, "😀": 4, "": 5, "a\u0000b": 6, "ÿ": 7}""")]
    [InlineData("""["\n\t\"\\\/", "\u00e9", "\ud83d\ude00", "caf\u00e9", "\u2028"]""")]
    [InlineData("""{"key with spaces and a very long name that is longer than sixty-four characters in all": "value of more than sixty-four characters, which is never shared between values"}""")]
    [InlineData("""[{"kind": "Deployment", "n": 1}, {"kind": "Deployment", "n": 2}, {"n": 3, "kind": "Service"}]""")]
    [InlineData("""[[], {}, [[]], [{}], null, true, false, "", {"a": {}}]""")]
    [InlineData("  \r\n\t 42 \n ")]
    public void Strings_keys_and_key_order_are_as_RegoJson_Parse_has_them(string json) => Same(json);

    [Fact]
    public void Objects_are_ordered_by_key_in_ordinal_order()
    {
        var o = (RegoObject)Decode("""{"z": 1, "Z": 2, "é": 3, "a": 4}""");
        o.Entries.Select(e => ((RegoString)e.Key).Value).Should().Equal("Z", "a", "z", "é");
        o.Items.Keys.Select(k => ((RegoString)k).Value).Should().Equal("Z", "a", "z", "é");
        o.Get("é").Should().Be(RegoNumber.FromInteger(3));
        o.Get("missing").Should().BeNull();
    }

    [Fact]
    public void A_decoded_object_equals_the_same_object_built_by_the_engine()
    {
        var decoded = (RegoObject)Decode("""{"b": [1, 2], "a": {"c": "d"}}""");
        var built = RegoObject.FromStrings([
            new("a", RegoObject.FromStrings([new("c", new RegoString("d"))])),
            new("b", new RegoArray([RegoNumber.FromInteger(1), RegoNumber.FromInteger(2)])),
        ]);
        decoded.Should().Be(built);
        built.Should().Be(decoded);
        decoded.GetHashCode().Should().Be(built.GetHashCode());
        decoded.Set(new RegoString("e"), RegoNull.Instance).Count.Should().Be(3);
        decoded.Remove(new RegoString("a")).Should().Be(RegoObject.FromStrings([new("b", built.Get("b")!)]));
    }

    [Theory]
    [InlineData(1000, true)]
    [InlineData(1001, false)]
    public void Nesting_is_bounded_as_RegoJson_Parse_bounds_it(int depth, bool accepted)
    {
        var json = new string('[', depth) + new string(']', depth);
        if (accepted)
        {
            Same(json);
            return;
        }
        var reference = () => RegoJson.Parse(json);
        reference.Should().Throw<RegoException>().WithMessage("*maximum configured depth of 1000*");
        var decode = () => Decode(json);
        decode.Should().Throw<JsonException>().WithMessage("*maximum configured depth of 1000*");
    }

    [Fact]
    public void Deep_nesting_at_a_lower_limit_is_refused_without_recursion()
    {
        var ok = () => RegoJsonDecoder.Decode(Encoding.UTF8.GetBytes(new string('[', 256) + new string(']', 256)), maxDepth: 256);
        ok.Should().NotThrow();
        var deep = () => RegoJsonDecoder.Decode(Encoding.UTF8.GetBytes(new string('[', 257) + new string(']', 257)), maxDepth: 256);
        deep.Should().Throw<JsonException>().WithMessage("*maximum configured depth of 256*");
        // A million levels: refused at the limit, never a stack overflow.
        var huge = () => RegoJsonDecoder.Decode(Encoding.UTF8.GetBytes(new string('[', 1_000_000)));
        huge.Should().Throw<JsonException>();
    }

    [Theory]
    [InlineData("")]
    [InlineData("[1,]")]
    [InlineData("{\"a\": 1,}")]
    [InlineData("{\"a\" 1}")]
    [InlineData("[1] [2]")]
    [InlineData("{\"a\": 1} x")]
    [InlineData("[1, 2")]
    [InlineData("\"unterminated")]
    [InlineData("// comment\n1")]
    [InlineData("NaN")]
    [InlineData("01")]
    [InlineData("[1,\n 2,\n x]")]
    public void Invalid_json_fails_with_System_Text_Json_s_message_and_position(string json)
    {
        var reference = () => RegoJson.Parse(json);
        var expected = reference.Should().Throw<RegoException>().Which.Message;
        var decode = () => Decode(json);
        var actual = decode.Should().Throw<JsonException>().Which;
        ("invalid JSON: " + actual.Message).Should().Be(expected);
        actual.LineNumber.Should().NotBeNull();
    }

    [Fact]
    public void Bytes_that_are_not_utf8_are_an_error_naming_the_byte_and_its_position()
    {
        // ["a<C3>(" : the lead byte C3 at offset 3 is followed by '(' and not by a continuation byte.
        var bad = new byte[] { (byte)'[', (byte)'"', (byte)'a', 0xC3, (byte)'(', (byte)'"', (byte)']' };
        var e = FluentActions.Invoking(() => RegoJsonDecoder.Decode(bad)).Should().Throw<JsonException>().Which;
        e.Message.Should().StartWith("not valid UTF-8 (byte 0xC3)");
        e.LineNumber.Should().Be(0);
        e.BytePositionInLine.Should().Be(3);
    }

    [Fact]
    public void Invalid_utf8_in_keys_long_strings_and_escaped_strings_is_refused_too()
    {
        static byte[] Json(string before, byte[] bad, string after) => [.. Encoding.UTF8.GetBytes(before), .. bad, .. Encoding.UTF8.GetBytes(after)];
        var cases = new[]
        {
            Json("{\"k", [0xFF], "\": 1}"),
            Json("\n[\"" + new string('x', 100), [0xE2, 0x82], "\"]"),
            Json("[\"\\n", [0xC0, 0x80], "\"]"),
        };
        foreach (var bytes in cases)
        {
            var e = FluentActions.Invoking(() => RegoJsonDecoder.Decode(bytes)).Should().Throw<JsonException>().Which;
            e.Message.Should().StartWith("not valid UTF-8");
        }
        // The long string starts on the second line (line 1 zero-based), its bad byte after 2 + 100 bytes.
        var second = FluentActions.Invoking(() => RegoJsonDecoder.Decode(cases[1])).Should().Throw<JsonException>().Which;
        second.LineNumber.Should().Be(1);
        second.BytePositionInLine.Should().Be(102);
    }

    [Fact]
    public void An_escaped_lone_surrogate_is_an_error_not_a_crash()
    {
        var e = FluentActions.Invoking(() => Decode("""["\ud800"]""")).Should().Throw<JsonException>().Which;
        e.Message.Should().StartWith("invalid string:");
    }

    [Fact]
    public void Equal_keys_and_short_strings_are_one_shared_instance()
    {
        var list = (RegoArray)Decode("""[{"kind": "Deployment"}, {"kind": "Deployment"}]""");
        var first = ((RegoObject)list[0]).Entries.Single();
        var second = ((RegoObject)list[1]).Entries.Single();
        ReferenceEquals(first.Key, second.Key).Should().BeTrue();
        ReferenceEquals(first.Value, second.Value).Should().BeTrue();
    }
}

/// <summary>A large top-level array is decoded in parts on several cores: same values, same errors.</summary>
public class ParallelArrayDecodingTests
{
    // Elements with commas, brackets, braces, quotes and backslashes inside strings, to mislead a careless split.
    private static string Element(int i) =>
        $$"""{"name": "svc-{{i}}", "tricky": "a, b ], c } [ { \" \\ \\\" ,", "list": [{{i}}, [{{i % 3}}], {"k,]": "v"}], "n": {{i}}.5}""";

    private static string Big(int count, string separator = ",\n ") => "[\n " + string.Join(separator, Enumerable.Range(0, count).Select(Element)) + "\n]\n";

    [Fact]
    public void A_large_array_decodes_to_the_same_values_as_one_pass()
    {
        var json = Big(20_000);
        Encoding.UTF8.GetByteCount(json).Should().BeGreaterThan(ParallelArrayDecoding.MinimumBytes);
        var bytes = Encoding.UTF8.GetBytes(json);
        var parallel = RegoJsonDecoder.Decode(bytes.AsMemory());
        var onePass = RegoJsonDecoder.Decode(bytes.AsSpan());
        parallel.Should().Be(onePass);
        RegoJson.Serialize(parallel).Should().Be(RegoJson.Serialize(onePass));
        ((RegoArray)parallel).Count.Should().Be(20_000);
        ((RegoObject)((RegoArray)parallel)[12_345]).Get("name").Should().Be(new RegoString("svc-12345"));
        if (Environment.ProcessorCount > 1) ParallelArrayDecoding.TryDecode(bytes, RegoJsonDecoder.DefaultMaxDepth).Should().NotBeNull();
    }

    [Theory]
    [InlineData(",\n ,")]       // an empty element
    [InlineData(",\n ] [")]     // a second value after the array
    [InlineData(",\n } {")]     // brackets that do not match
    public void Invalid_large_arrays_fail_as_one_pass_fails(string separator)
    {
        var json = Big(15_000);
        // Break the text past the middle, in a part other than the first: replace the ",\n " before element 11,250.
        var at = json.IndexOf(",\n {\"name\": \"svc-11250\"", StringComparison.Ordinal);
        var broken = json[..at] + separator + json[(at + 3)..];
        var bytes = Encoding.UTF8.GetBytes(broken);
        var onePass = FluentActions.Invoking(() => RegoJsonDecoder.Decode(bytes.AsSpan())).Should().Throw<JsonException>().Which;
        var parallel = FluentActions.Invoking(() => RegoJsonDecoder.Decode(bytes.AsMemory())).Should().Throw<JsonException>().Which;
        parallel.Message.Should().Be(onePass.Message);
        parallel.LineNumber.Should().Be(onePass.LineNumber);
    }

    [Fact]
    public void A_large_array_with_an_empty_element_between_two_commas_is_refused()
    {
        var json = Big(15_000);
        var at = json.IndexOf(",\n {\"name\": \"svc-10000\"", StringComparison.Ordinal);
        var broken = json[..at] + ",\n ," + json[(at + 1)..];
        var bytes = Encoding.UTF8.GetBytes(broken);
        FluentActions.Invoking(() => RegoJsonDecoder.Decode(bytes.AsMemory())).Should().Throw<JsonException>();
        FluentActions.Invoking(() => RegoJsonDecoder.Decode(bytes.AsSpan())).Should().Throw<JsonException>();
    }

    [Fact]
    public void Large_documents_that_are_not_arrays_decode_in_one_pass()
    {
        var json = "{\"items\": " + Big(15_000) + "}";
        var bytes = Encoding.UTF8.GetBytes(json);
        ParallelArrayDecoding.TryDecode(bytes, RegoJsonDecoder.DefaultMaxDepth).Should().BeNull();
        RegoJsonDecoder.Decode(bytes.AsMemory()).Should().Be(RegoJson.Parse(json));
    }
}
