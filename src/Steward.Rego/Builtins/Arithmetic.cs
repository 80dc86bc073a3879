using System.Numerics;
using Steward.Rego.Values;
using static Steward.Rego.Builtins.Arg;

namespace Steward.Rego.Builtins;

/// <summary>+, -, *, /, %, rounding, ranges; - also subtracts sets.</summary>
internal static class Arithmetic
{
    public static void Register(Registrar r)
    {
        r.Add("plus", a => RegoNumber.Add(Num("plus", a, 0), Num("plus", a, 1)), 2);
        r.Add("minus", a =>
        {
            if (a[0] is RegoSet s1 && a[1] is RegoSet s2) return new RegoSet(s1.Items.Except(s2.Items));
            if (a[0] is RegoNumber n1 && a[1] is RegoNumber n2) return RegoNumber.Subtract(n1, n2);
            if (a[0] is not (RegoNumber or RegoSet)) throw TypeError("minus", 0, "one of {number, set}", a[0]);
            throw TypeError("minus", 1, a[0] is RegoSet ? "set" : "number", a[1]);
        }, 2);
        r.Add("mul", 2, (ctx, a) =>
        {
            var (x, y) = (Num("mul", a, 0), Num("mul", a, 1));
            // Exact integers grow without bound: a squaring chain doubles the digits each step.
            if (x.IsInteger && y.IsInteger) ctx.Meter.CheckNumber("mul", (long)x.AsBigInteger.GetByteCount() + y.AsBigInteger.GetByteCount());
            return RegoNumber.Multiply(x, y);
        });
        r.Add("div", a =>
        {
            var x = Num("div", a, 0);
            var y = Num("div", a, 1);
            if (y.Sign == 0) throw Error("div", "divide by zero");
            return RegoNumber.Divide(x, y);
        }, 2);
        r.Add("rem", a =>
        {
            var x = Num("rem", a, 0);
            var y = Num("rem", a, 1);
            if (!x.TryGetInt(out var xi) || !y.TryGetInt(out var yi)) throw Error("rem", "modulo on floating-point number");
            if (yi.IsZero) throw Error("rem", "modulo by zero");
            return RegoNumber.FromInteger(BigInteger.Remainder(xi, yi));
        }, 2);
        r.Add("abs", a => { var n = Num("abs", a, 0); return n.Sign < 0 ? RegoNumber.Negate(n) : n; }, 1);
        r.Add("round", a => Round(Num("round", a, 0), Math.Round), 1);
        r.Add("ceil", a => Round(Num("ceil", a, 0), Math.Ceiling), 1);
        r.Add("floor", a => Round(Num("floor", a, 0), Math.Floor), 1);
        r.Add("numbers.range", 2, (ctx, a) => Range("numbers.range", a, BigInteger.One, ctx));
        r.Add("numbers.range_step", 3, (ctx, a) => Range("numbers.range_step", a, null, ctx));
        r.Add("rand.intn", 2, (ctx, a) =>
        {
            Str("rand.intn", a, 0);
            var n = Int("rand.intn", a, 1);
            if (n == 0) return RegoNumber.Zero;
            var key = "rand.intn:" + ((RegoString)a[0]).Value + ":" + n;
            if (!ctx.Cache.TryGetValue(key, out var v))
            {
                v = RegoNumber.FromInteger(Random.Shared.Next(Math.Abs(n)));
                ctx.Cache[key] = v;
            }
            return (RegoValue)v;
        });
    }

    private static RegoNumber Round(RegoNumber n, Func<decimal, decimal> f)
    {
        if (n.IsInteger) return n;
        if (n.TryGetDecimal(out var d))
        {
            if (f == (Func<decimal, decimal>)Math.Round) return RegoNumber.FromDecimal(Math.Round(d, MidpointRounding.AwayFromZero));
            return RegoNumber.FromDecimal(f(d));
        }
        return RegoNumber.FromDouble((double)f((decimal)n.AsDouble));
    }

    /// <summary>
    /// OPA's generateRange on big integers: bounds and step may be any size (a step of 10^20 is one
    /// element); operands are checked in order, then the step's sign. A null step is operand 3.
    /// </summary>
    private static RegoValue Range(string fn, RegoValue[] a, BigInteger? fixedStep, BuiltinContext ctx)
    {
        var lo = IntegerOperand(fn, a, 0);
        var hi = IntegerOperand(fn, a, 1);
        var step = fixedStep ?? IntegerOperand(fn, a, 2);
        if (step.Sign <= 0) throw Error(fn, "step must be a positive integer");
        var count = BigInteger.Abs(hi - lo) / step + 1;
        ctx.CheckSize(fn, (long)BigInteger.Min(count, long.MaxValue));
        var items = new List<RegoValue>();
        if (lo <= hi)
        {
            for (var i = lo; i <= hi; i += step) items.Add(RegoNumber.FromInteger(i));
        }
        else
        {
            for (var i = lo; i >= hi; i -= step) items.Add(RegoNumber.FromInteger(i));
        }
        return new RegoArray(items);
    }

    private static BigInteger IntegerOperand(string fn, RegoValue[] a, int i)
    {
        if (!Num(fn, a, i).TryGetInt(out var v))
            throw new RegoException(RegoErrorCodes.EvalType, $"{fn}: operand {i + 1} must be integer number but got floating-point number");
        return v;
    }
}
