using System.Text;
using Steward.Core.Policy.Rego;
using Steward.Rego.Values;
using Steward.TestSupport;

namespace Steward.Core.Tests.Policy.Rego;

/// <summary>policy eval's --input and --data files: read within ParseLimits, errors as every JSON reader's.</summary>
public class RegoInputReaderTests
{
    [Fact]
    public void A_file_with_a_byte_order_mark_reads_as_without()
    {
        using var dir = new TempFolder();
        var path = dir["input.json"];
        File.WriteAllBytes(path, [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("""{"b": [1, 2.50], "a": "x"}""")]);
        RegoJson.Serialize(RegoInputReader.ReadFile(path, ParseLimits.Default)).Should().Be("""{"a":"x","b":[1,2.5]}""");
    }

    [Fact]
    public void Invalid_json_names_file_line_and_column()
    {
        using var dir = new TempFolder();
        var path = dir.Write("input.json", "{\n  \"a\": 1,\n  x\n}");
        var e = FluentActions.Invoking(() => RegoInputReader.ReadFile(path, ParseLimits.Default)).Should().Throw<StewardInputException>().Which;
        // Line 3, column 3: the x after two spaces.
        e.Message.Should().StartWith($"{path}:3:3: invalid JSON: ");
    }

    [Fact]
    public void Bytes_that_are_not_utf8_are_refused_as_JsonInput_refuses_them()
    {
        using var dir = new TempFolder();
        var path = dir["input.json"];
        File.WriteAllBytes(path, [.. Encoding.UTF8.GetBytes("{\"a\":\n\"x"), 0xC3, .. Encoding.UTF8.GetBytes("\"}")]);
        // Line 2; the bad byte follows the quote and the x: column 3.
        FluentActions.Invoking(() => RegoInputReader.ReadFile(path, ParseLimits.Default)).Should().Throw<StewardInputException>()
            .WithMessage($"{path}:2:3: not valid UTF-8 (byte 0xC3)");
    }

    [Fact]
    public void Nesting_past_the_depth_limit_names_the_limit()
    {
        var limits = ParseLimits.Default;
        var ok = Encoding.UTF8.GetBytes(new string('[', limits.MaxDepth) + new string(']', limits.MaxDepth));
        RegoInputReader.Decode(ok, "ok.json", limits).Should().BeOfType<RegoArray>();
        var deep = Encoding.UTF8.GetBytes(new string('[', limits.MaxDepth + 1) + new string(']', limits.MaxDepth + 1));
        FluentActions.Invoking(() => RegoInputReader.Decode(deep, "deep.json", limits)).Should().Throw<StewardInputException>()
            .WithMessage("deep.json:1:*: invalid JSON: nesting deeper than 256 levels (the limit)");
    }

    [Fact]
    public void A_file_over_the_data_file_limit_is_refused()
    {
        using var dir = new TempFolder();
        var path = dir.Write("input.json", "[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]");
        var limits = ParseLimits.Default with { MaxDataFileBytes = 16 };
        FluentActions.Invoking(() => RegoInputReader.ReadFile(path, limits)).Should().Throw<StewardInputException>()
            .WithMessage("*16 bytes*");
    }
}
