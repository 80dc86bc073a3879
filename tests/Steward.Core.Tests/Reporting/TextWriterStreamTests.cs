using System.Text;
using Steward.Core.Reporting;

namespace Steward.Core.Tests.Reporting;

/// <summary>The stream the JSON report is written through: UTF-8 bytes in, the same text out, however the bytes are split.</summary>
public class TextWriterStreamTests
{
    // 1-, 2-, 3- and 4-byte UTF-8 sequences (a, é, €, 😀), so that some splits fall inside a character.
    private const string Text = "a-é-€-😀 model café 10 €/h 😀😀";

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(1000)]
    public void Text_split_into_pieces_of_any_size_comes_out_whole(int piece)
    {
        var bytes = Encoding.UTF8.GetBytes(Text);
        var output = new StringWriter();
        using (var stream = new TextWriterStream(output))
        {
            for (var i = 0; i < bytes.Length; i += piece)
                stream.Write(bytes, i, Math.Min(piece, bytes.Length - i));
        }

        output.ToString().Should().Be(Text);
    }

    [Fact]
    public void Invalid_utf8_is_refused_not_replaced()
    {
        using var stream = new TextWriterStream(new StringWriter());

        var write = () => stream.Write([0x61, 0xFF, 0x62], 0, 3);

        write.Should().Throw<DecoderFallbackException>();
    }
}
