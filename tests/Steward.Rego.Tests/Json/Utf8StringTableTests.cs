using System.Text;
using Steward.Rego.Json;
using Steward.Rego.Values;

namespace Steward.Rego.Tests.Json;

public sealed class Utf8StringTableTests
{
    [Fact]
    public void Strings_are_found_by_their_exact_bytes_after_the_table_has_grown()
    {
        var table = new Utf8StringTable();
        var added = new Dictionary<string, RegoString>();
        // 1,000 strings: the table starts with 256 slots and grows to stay at most half full.
        for (var i = 0; i < 1000; i++)
        {
            var text = i % 3 == 0 ? $"ns-{i}" : $"é€{i}";
            var bytes = Encoding.UTF8.GetBytes(text);
            Assert.Null(table.TryGet(bytes, out var hash));
            var value = new RegoString(text);
            table.Add(bytes, hash, value);
            added.Add(text, value);
        }
        Assert.Equal(1000, table.Count);
        foreach (var (text, value) in added) Assert.Same(value, table.TryGet(Encoding.UTF8.GetBytes(text), out _));
        // A prefix ("ns-1" of "ns-12"), an extension ("ns-1200" of "ns-12") and another last byte ("ns-13") of known strings are not found.
        Assert.Null(table.TryGet("ns-12"u8[..4], out _));
        Assert.Null(table.TryGet("ns-1200"u8, out _));
        Assert.Null(table.TryGet("ns-13"u8, out _));
    }

    [Fact]
    public void The_decoder_shares_one_value_among_equal_strings_found_by_bytes()
    {
        var decoded = (RegoArray)RegoJsonDecoder.Decode("""[{"name":"a"},{"name":"a"},{"name":"\u0061"}]"""u8);
        var names = decoded.Items.Select(o => ((RegoObject)o).Get("name")!).ToArray();
        Assert.All(names, n => Assert.Equal("a", ((RegoString)n).Value));
        Assert.Same(names[0], names[1]);
        Assert.Same(names[0], names[2]); // the escaped one goes by its string, to the same shared value
        var keys = decoded.Items.Select(o => ((RegoObject)o).Entries.Single().Key).ToArray();
        Assert.Same(keys[0], keys[1]);
    }
}
