using System.Globalization;
using Steward.Core.Governance.Kinds;

namespace Steward.Core.Tests.Governance;

/// <summary>The threshold text stored with monitor results is read back into its bounds, whatever the culture.</summary>
public class ThresholdTests
{
    [Theory]
    [InlineData(0.8, null, "≥ 0.8")]
    [InlineData(null, 0.3, "≤ 0.3")]
    [InlineData(0.1, 0.25, "between 0.1 and 0.25")]
    [InlineData(null, null, "unbounded")]
    [InlineData(-1.5, null, "≥ -1.5")]
    public void The_text_is_invariant_and_parses_back(double? min, double? max, string text)
    {
        var threshold = new Threshold((decimal?)min, (decimal?)max);
        var previous = CultureInfo.CurrentCulture;
        // Steward runs with invariant globalization, so a decimal-comma culture is built by hand.
        var comma = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        comma.NumberFormat.NumberDecimalSeparator = ",";
        CultureInfo.CurrentCulture = comma;
        try
        {
            threshold.ToString().Should().Be(text, "a decimal comma would not parse back elsewhere");
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }

        Threshold.TryParse(text, out var parsed).Should().BeTrue();
        parsed.Should().Be(threshold);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("max 0.3")]
    [InlineData("≥ x")]
    [InlineData("between 1 or 2")]
    public void Other_text_does_not_parse(string? text)
    {
        Threshold.TryParse(text, out _).Should().BeFalse();
    }
}
