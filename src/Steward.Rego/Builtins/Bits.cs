using System.Numerics;
using Steward.Rego.Values;
using static Steward.Rego.Builtins.Arg;

namespace Steward.Rego.Builtins;

/// <summary>bits.* on arbitrary-precision integers.</summary>
internal static class Bits
{
    public static void Register(Registrar r)
    {
        r.Add("bits.and", a => RegoNumber.FromInteger(I("bits.and", a, 0) & I("bits.and", a, 1)), 2);
        r.Add("bits.or", a => RegoNumber.FromInteger(I("bits.or", a, 0) | I("bits.or", a, 1)), 2);
        r.Add("bits.xor", a => RegoNumber.FromInteger(I("bits.xor", a, 0) ^ I("bits.xor", a, 1)), 2);
        r.Add("bits.negate", a => RegoNumber.FromInteger(-I("bits.negate", a, 0) - 1), 1);
        r.Add("bits.lsh", a =>
        {
            var s = I("bits.lsh", a, 1);
            if (s < 0) throw new RegoException(RegoErrorCodes.EvalType, "bits.lsh: operand 2 must be an unsigned integer number but got a negative integer");
            return RegoNumber.FromInteger(I("bits.lsh", a, 0) << (int)s);
        }, 2);
        r.Add("bits.rsh", a =>
        {
            var s = I("bits.rsh", a, 1);
            if (s < 0) throw new RegoException(RegoErrorCodes.EvalType, "bits.rsh: operand 2 must be an unsigned integer number but got a negative integer");
            return RegoNumber.FromInteger(I("bits.rsh", a, 0) >> (int)s);
        }, 2);
    }

    private static BigInteger I(string fn, RegoValue[] a, int i)
    {
        var n = Num(fn, a, i);
        if (!n.TryGetInt(out var v)) throw new RegoException(RegoErrorCodes.EvalType, $"{fn}: operand {i + 1} must be integer number but got floating-point number");
        return v;
    }
}
