using AwesomeAssertions;
using Steward.Cli.Output;

namespace Steward.Cli.Tests.Output;

public class BoxTableTests
{
    [Fact]
    public void Columns_take_their_widest_cell_and_numbers_align_right()
    {
        var table = new BoxTable("Costs", [new("Scope"), new("Monthly", true)]);
        table.Add("genai", "1,670.58");
        table.Add("risk", "43.89");

        var text = Render(table, 120);

        // Widths: "Scope" 5, "1,670.58" 8; the table is 1 + (5+3) + (8+3) = 20 characters wide, the title centred in it.
        text.Should().Be(
            "       Costs\n" +
            "╭───────┬──────────╮\n" +
            "│ Scope │  Monthly │\n" +
            "├───────┼──────────┤\n" +
            "│ genai │ 1,670.58 │\n" +
            "│ risk  │    43.89 │\n" +
            "╰───────┴──────────╯\n");
    }

    [Fact]
    public void A_table_wider_than_the_terminal_wraps_its_widest_column_at_spaces()
    {
        var table = new BoxTable("T", [new("Rule"), new("Message")]);
        table.Add("r1", "one two three four five six");

        // 30 columns: 1 + (4+3) + (m+3) <= 30 → the message column gets 19 characters.
        var lines = Render(table, 30).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        lines.Should().OnlyContain(l => l.Length <= 30);
        lines.Should().Contain("│ r1   │ one two three four  │").And.Contain("│      │ five six            │");
    }

    [Fact]
    public void A_word_longer_than_its_column_is_cut()
    {
        BoxTable.Wrap("abcdefghij klm", 4).Should().Equal("abcd", "efgh", "ij", "klm");
    }

    private static string Render(BoxTable table, int width)
    {
        var writer = new StringWriter { NewLine = "\n" };
        table.Write(TerminalText.Plain(writer, width));
        return writer.ToString();
    }
}
