using Steward.Rego;

namespace Steward.Rego.Tests;

public class V1SyntaxTests
{
    // OPA 1.x: `opa eval` on `violation[msg] { msg := "hi" }` fails with
    // rego_parse_error: `if` keyword is required before rule body.
    [Theory]
    [InlineData("package x\nviolation[msg] {\n  msg := \"hi\"\n}\n", 2, 16)]
    [InlineData("package x\nallow { true }\n", 2, 7)]
    public void V0_rule_bodies_are_parse_errors_in_v1(string source, int line, int column)
    {
        var act = () => RegoEngine.Parse("p.rego", source);

        var error = act.Should().Throw<RegoException>().Which;
        error.Code.Should().Be(RegoErrorCodes.Parse);
        error.Message.Should().Be("`if` keyword is required before rule body");
        (error.Location!.Line, error.Location.Column).Should().Be((line, column));
    }

    [Fact]
    public void V0_rule_bodies_parse_with_v0_compatibility()
    {
        var engine = new RegoEngine(new RegoEngineOptions { V0Compatible = true });
        engine.AddModule("p.rego", "package x\nviolation[msg] {\n  msg := \"hi\"\n}\n");

        engine.Evaluate("data.x.violation")[0].Expressions[0].ToString().Should().Contain("hi");
    }
}
