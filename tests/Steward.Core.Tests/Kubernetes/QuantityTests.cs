using Steward.Core.Kubernetes;

namespace Steward.Core.Tests.Kubernetes;

public class QuantityTests
{
    // Expected values are the Kubernetes definitions (apimachinery resource.Quantity): decimal SI
    // suffixes are powers of 1000, binary suffixes powers of 1024.
    [Theory]
    [InlineData("500m", "0.5")]
    [InlineData("1000m", "1")]
    [InlineData("1", "1")]
    [InlineData("1.5", "1.5")]
    [InlineData("2", "2")]
    [InlineData("1Ki", "1024")]
    [InlineData("4Gi", "4294967296")]
    [InlineData("1.5Gi", "1610612736")]
    [InlineData("1G", "1000000000")]
    [InlineData("128Mi", "134217728")]
    [InlineData("1e3", "1000")]
    [InlineData("100u", "0.0001")]
    [InlineData("5n", "0.000000005")]
    public void Parses_exactly(string text, string expected)
    {
        Quantity.TryParse(text, out var value).Should().BeTrue();
        value.Should().Be(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("1 Gi")]
    [InlineData("-1")]
    [InlineData("Gi")]
    [InlineData("1,5")]
    public void Rejects_malformed(string text) => Quantity.TryParse(text, out _).Should().BeFalse();
}
