using Steward.Core.Alignment.Monitoring;
using Steward.Core.Storage;

namespace Steward.Core.Tests.Alignment.Monitoring;

/// <summary>Which logged texts (JSON from CSV, Parquet and JSON Lines logs) count as the positive class.</summary>
public class PositiveClassTests
{
    [Theory]
    [InlineData("1", "1", true)]
    [InlineData("1.0", "1", true)]        // a Parquet double
    [InlineData(" 1 ", "1", true)]
    [InlineData("true", "1", true)]       // a JSON boolean
    [InlineData("false", "0", true)]
    [InlineData("0", "1", false)]
    [InlineData("abc", "1", false)]       // not a number: not the class, not unknown
    [InlineData("good", "good", true)]
    [InlineData("Good", "good", false)]   // text compares exactly, as steward analyze
    [InlineData("yes", "yes", true)]
    [InlineData("true", "yes", true)]
    [InlineData("2", "2.0", true)]
    public void A_value_is_positive_when_it_matches_as_text_number_or_boolean(string value, string positive, bool expected)
    {
        Evaluate(PositiveClass.Sql("$v", [positive]), value).Should().Be(expected);
    }

    [Fact]
    public void Several_positive_values_and_a_missing_value()
    {
        var sql = PositiveClass.Sql("$v", ["approve", "refer"]);

        Evaluate(sql, "refer").Should().BeTrue();
        Evaluate(sql, "decline").Should().BeFalse();
        Evaluate(sql, null).Should().BeNull("a missing value is neither class");
    }

    private static bool? Evaluate(string predicate, string? value)
    {
        using var store = StewardStore.InMemory();
        var result = store.Scalar($"SELECT {predicate.Replace("$v", "CAST($v AS VARCHAR)", StringComparison.Ordinal)}", ("v", value));
        return result is null ? null : (bool)result;
    }
}
