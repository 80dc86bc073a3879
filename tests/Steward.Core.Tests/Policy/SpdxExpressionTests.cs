using Steward.Core.Policy.Licensing;

namespace Steward.Core.Tests.Policy;

public class SpdxExpressionTests
{
    [Theory]
    [InlineData("MIT", "MIT")]
    [InlineData("MIT OR Apache-2.0", "(MIT OR Apache-2.0)")]
    [InlineData("MIT AND Apache-2.0 OR BSD-3-Clause", "((MIT AND Apache-2.0) OR BSD-3-Clause)")]
    [InlineData("MIT OR Apache-2.0 AND BSD-3-Clause", "(MIT OR (Apache-2.0 AND BSD-3-Clause))")]
    [InlineData("(MIT OR Apache-2.0) AND BSD-3-Clause", "((MIT OR Apache-2.0) AND BSD-3-Clause)")]
    [InlineData("GPL-2.0-only WITH Classpath-exception-2.0", "GPL-2.0-only WITH Classpath-exception-2.0")]
    [InlineData("GPL-2.0+", "GPL-2.0+")]
    [InlineData("LicenseRef-llama3 or mit", "(LicenseRef-llama3 OR mit)")]
    public void Parses_with_spdx_precedence(string text, string expected) =>
        SpdxExpression.Parse(text).ToString().Should().Be(expected);

    [Theory]
    [InlineData("", 1)]
    [InlineData("MIT OR", 7)]
    [InlineData("(MIT", 5)]
    [InlineData("MIT Apache-2.0", 5)]
    [InlineData("AND MIT", 1)]
    [InlineData("MIT / Apache", 5)]
    public void Reports_the_column_of_a_syntax_error(string text, int column) =>
        FluentActions.Invoking(() => SpdxExpression.Parse(text)).Should().Throw<SpdxParseException>().Which.Column.Should().Be(column);

    private static readonly LicensePolicy Policy = new(["Apache-2.0", "MIT", "GPL-2.0-only WITH Classpath-exception-2.0"], ["AGPL-3.0-only", "GPL-2.0-only"]);

    [Theory]
    [InlineData("MIT", true)]
    [InlineData("mit", true)]
    [InlineData("BSD-3-Clause", false)]
    [InlineData("AGPL-3.0-only", false)]
    [InlineData("MIT OR AGPL-3.0-only", true)]
    [InlineData("MIT AND AGPL-3.0-only", false)]
    [InlineData("BSD-3-Clause OR AGPL-3.0-only", false)]
    [InlineData("(BSD-3-Clause OR MIT) AND Apache-2.0", true)]
    [InlineData("Apache-2.0+", true)]
    [InlineData("GPL-2.0-only WITH Classpath-exception-2.0", true)]
    [InlineData("GPL-2.0-only", false)]
    [InlineData("Apache-2.0 WITH LLVM-exception", true)]
    public void Allow_and_deny_lists(string expression, bool allowed) =>
        Policy.Evaluate(SpdxExpression.Parse(expression)).Allowed.Should().Be(allowed);

    [Fact]
    public void Names_the_offending_licenses()
    {
        var verdict = Policy.Evaluate(SpdxExpression.Parse("MIT AND (AGPL-3.0-only OR BSD-3-Clause)"));

        verdict.Allowed.Should().BeFalse();
        verdict.Offending.Should().Equal("AGPL-3.0-only", "BSD-3-Clause");
        verdict.Reason.Should().Be("denied: AGPL-3.0-only");
    }

    [Fact]
    public void Deny_list_alone_allows_everything_else()
    {
        var policy = new LicensePolicy([], ["AGPL-3.0-only"]);
        policy.Evaluate(SpdxExpression.Parse("BSD-2-Clause")).Allowed.Should().BeTrue();
        policy.Evaluate(SpdxExpression.Parse("AGPL-3.0-only")).Allowed.Should().BeFalse();
    }
}
