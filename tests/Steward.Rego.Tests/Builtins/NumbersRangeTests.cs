using static Steward.Rego.Tests.Builtins.BuiltinEval;

namespace Steward.Rego.Tests.Builtins;

/// <summary>
/// numbers.range / numbers.range_step on big integers, as OPA's numbers.go (generateRange on
/// big.Int): bounds and step of any size, operands checked in order, then the step's sign.
/// Expected arrays computed with Python's range() on the same integers.
/// </summary>
public class NumbersRangeTests
{
    [Theory]
    // list(range(10**20, 10**20 + 6, 2))
    [InlineData("numbers.range_step(100000000000000000000, 100000000000000000005, 2)", "[100000000000000000000,100000000000000000002,100000000000000000004]")]
    // Descending: list(range(10**20, 10**20 - 11, -4))
    [InlineData("numbers.range_step(100000000000000000000, 99999999999999999990, 4)", "[100000000000000000000,99999999999999999996,99999999999999999992]")]
    // A step beyond int64 is one element.
    [InlineData("numbers.range_step(1, 10, 100000000000000000000)", "[1]")]
    // list(range(-2**63 - 2, -2**63 + 2)): across the int64 minimum.
    [InlineData("numbers.range(-9223372036854775810, -9223372036854775807)", "[-9223372036854775810,-9223372036854775809,-9223372036854775808,-9223372036854775807]")]
    [InlineData("numbers.range(100000000000000000003, 100000000000000000001)", "[100000000000000000003,100000000000000000002,100000000000000000001]")]
    public void Ranges_of_big_integers_are_exact(string expression, string expected)
    {
        ValueOf(expression).Should().Be(expected);
    }

    [Theory]
    [InlineData("numbers.range_step(1, 10, 0)", RegoErrorCodes.Builtin, "numbers.range_step: step must be a positive integer")]
    [InlineData("numbers.range_step(1, 10, -100000000000000000000)", RegoErrorCodes.Builtin, "numbers.range_step: step must be a positive integer")]
    // builtins.BigIntOperand: a fraction is "operand N must be integer number but got floating-point number".
    [InlineData("numbers.range_step(1, 10, 1.5)", RegoErrorCodes.EvalType, "numbers.range_step: operand 3 must be integer number but got floating-point number")]
    [InlineData("numbers.range_step(1.5, 10, 0)", RegoErrorCodes.EvalType, "numbers.range_step: operand 1 must be integer number but got floating-point number")]
    public void A_step_that_is_not_a_positive_integer_is_an_error(string expression, string code, string message)
    {
        var e = Error(expression);
        e.Code.Should().Be(code);
        e.Message.Should().Be(message);
    }
}
