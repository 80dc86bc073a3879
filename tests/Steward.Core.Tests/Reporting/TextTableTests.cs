using Steward.Core.Reporting;

namespace Steward.Core.Tests.Reporting;

/// <summary>The one text table: the ruled layout of the FinOps reports and the plain one of the supply-chain listings.</summary>
public class TextTableTests
{
    [Fact]
    public void A_ruled_table_underlines_the_header_aligns_right_and_puts_the_footer_under_a_second_rule()
    {
        var table = new TextTable(["service", "cost"], [false, true]);
        table.Add(["Compute", "12.50"]);
        table.Add(["S3", "0.25"]);
        table.Footer(["total", "12.75"]);
        var output = new StringWriter { NewLine = "\n" };

        table.Write(output);

        output.ToString().Should().Be(
            "service   cost\n" +
            "-------  -----\n" +
            "Compute  12.50\n" +
            "S3        0.25\n" +
            "-------  -----\n" +
            "total    12.75\n");
    }

    [Fact]
    public void A_plain_table_has_no_rule_left_aligns_and_writes_null_as_empty()
    {
        var table = TextTable.Plain("NAME", "VERSION", "PURL");
        table.Add("torch", "2.3.0", "pkg:pypi/torch@2.3.0");
        table.Add("a-longer-name", null, "-");
        var output = new StringWriter { NewLine = "\n" };

        table.Write(output);

        output.ToString().Should().Be(
            "NAME           VERSION  PURL\n" +
            "torch          2.3.0    pkg:pypi/torch@2.3.0\n" +
            "a-longer-name           -\n");
    }
}
