using System.Globalization;
using System.Numerics;

namespace Steward.Rego.Values;

/// <summary>
/// A number with exact semantics where possible: integers are big integers, other numbers are
/// decimals (28 significant digits), and only what a decimal cannot hold falls back to double.
/// 1 and 1.0 are the same value, as in OPA.
/// </summary>
public sealed class RegoNumber : RegoValue
{
    private readonly BigInteger _int;
    private readonly decimal _dec;
    private readonly double _dbl;

    private RegoNumber(BigInteger i) { Repr = NumberRepr.Integer; _int = i; }

    private RegoNumber(BigInteger i, string literal) : this(i) => _literal = literal;

    /// <summary>
    /// The source text of a literal beyond a double's range (2e308): OPA keeps such a number as its
    /// json.Number text, so it prints as written, not as its 309 digits.
    /// </summary>
    private readonly string? _literal;

    private RegoNumber(decimal d) { Repr = NumberRepr.Decimal; _dec = d; }

    private RegoNumber(double f) { Repr = NumberRepr.Double; _dbl = f; }

    private enum NumberRepr { Integer, Decimal, Double }

    private NumberRepr Repr { get; }

    private static readonly BigInteger MaxDecimal = new(decimal.MaxValue);

    public static readonly RegoNumber Zero = new(BigInteger.Zero);
    public static readonly RegoNumber One = new(BigInteger.One);

    public override RegoKind Kind => RegoKind.Number;

    public bool IsInteger => Repr == NumberRepr.Integer;

    public static RegoNumber FromInteger(BigInteger i) => new(i);

    /// <summary>An integer; 0 to 1,023 (array indices, small counts) come from a shared table instead of a new value each time.</summary>
    public static RegoNumber FromInteger(long n) => n is >= 0 and < SmallCount ? SmallIntegers[n] : new RegoNumber(new BigInteger(n));

    private const int SmallCount = 1024;

    private static readonly RegoNumber[] SmallIntegers = CreateSmallIntegers();

    private static RegoNumber[] CreateSmallIntegers()
    {
        var numbers = new RegoNumber[SmallCount];
        for (var i = 0; i < numbers.Length; i++) numbers[i] = new RegoNumber(new BigInteger(i));
        return numbers;
    }

    public static RegoNumber FromDecimal(decimal d)
    {
        if (d == decimal.Truncate(d)) return new RegoNumber(new BigInteger(d));
        return new RegoNumber(d);
    }

    public static RegoNumber FromDouble(double f)
    {
        if (double.IsNaN(f) || double.IsInfinity(f))
            throw new RegoException(RegoErrorCodes.Builtin, "number is not finite");
        if (Math.Floor(f) == f && Math.Abs(f) < 1e300) return new RegoNumber(new BigInteger(f));
        if (Math.Abs(f) < 7.9e27 && Math.Abs(f) > 1e-20)
        {
            // Round-trip through the shortest string so 0.1 stays 0.1.
            if (decimal.TryParse(f.ToString("R", CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
                return FromDecimal(d);
        }
        return new RegoNumber(f);
    }

    /// <summary>Parses a JSON or Rego number literal.</summary>
    public static RegoNumber Parse(string text)
    {
        if (text.IndexOfAny(['.', 'e', 'E']) < 0 && BigInteger.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var bi))
            return new RegoNumber(bi);
        if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d != 0m)
            return FromDecimal(d);
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var f))
        {
            if (double.IsInfinity(f) && TryExactExponent(text, out var huge, maxExponent: 4000)) return new RegoNumber(huge, text);
            if (Math.Floor(f) == f && Math.Abs(f) < 1e300 && text.IndexOfAny(['e', 'E']) >= 0)
            {
                // An exponent may name a large integer exactly: 1e30.
                if (TryExactExponent(text, out var exact)) return new RegoNumber(exact);
            }
            return FromDouble(f);
        }
        throw new RegoException(RegoErrorCodes.Parse, $"invalid number {text}");
    }

    private static bool TryExactExponent(string text, out BigInteger value, int maxExponent = 400)
    {
        value = default;
        var e = text.IndexOfAny(['e', 'E']);
        if (!decimal.TryParse(text[..e], NumberStyles.Float, CultureInfo.InvariantCulture, out var mant)) return false;
        if (!int.TryParse(text[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var exp) || exp < 0 || exp > maxExponent) return false;
        var scale = (mant.Scale);
        var unscaled = new BigInteger(mant * (decimal)Math.Pow(10, scale));
        if (exp < scale) return false;
        value = unscaled * BigInteger.Pow(10, exp - scale);
        return true;
    }

    public bool TryGetInt(out BigInteger value)
    {
        value = _int;
        return Repr == NumberRepr.Integer;
    }

    public bool TryGetInt32(out int value)
    {
        value = 0;
        if (Repr != NumberRepr.Integer || _int > int.MaxValue || _int < int.MinValue) return false;
        value = (int)_int;
        return true;
    }

    public BigInteger AsBigInteger => Repr switch
    {
        NumberRepr.Integer => _int,
        NumberRepr.Decimal => new BigInteger(decimal.Truncate(_dec)),
        _ => new BigInteger(Math.Truncate(_dbl)),
    };

    public double AsDouble => Repr switch
    {
        NumberRepr.Integer => (double)_int,
        NumberRepr.Decimal => (double)_dec,
        _ => _dbl,
    };

    public bool TryGetDecimal(out decimal d)
    {
        switch (Repr)
        {
            case NumberRepr.Decimal: d = _dec; return true;
            case NumberRepr.Integer:
                if (BigInteger.Abs(_int) <= MaxDecimal) { d = (decimal)_int; return true; }
                d = 0; return false;
            default: d = 0; return false;
        }
    }

    public int Sign => Repr switch
    {
        NumberRepr.Integer => _int.Sign,
        NumberRepr.Decimal => Math.Sign(_dec),
        _ => Math.Sign(_dbl),
    };

    protected override int CompareSameKind(RegoValue other) => Compare(this, (RegoNumber)other);

    public static int Compare(RegoNumber a, RegoNumber b)
    {
        if (a.Repr == NumberRepr.Integer && b.Repr == NumberRepr.Integer) return a._int.CompareTo(b._int);
        if (a.TryGetDecimal(out var da) && b.TryGetDecimal(out var db)) return da.CompareTo(db);
        return a.AsDouble.CompareTo(b.AsDouble);
    }

    public override int GetHashCode() => Repr switch
    {
        NumberRepr.Integer => _int.GetHashCode(),
        NumberRepr.Decimal => _dec.GetHashCode(),
        _ => _dbl.GetHashCode(),
    };

    public static RegoNumber Add(RegoNumber a, RegoNumber b)
    {
        if (a.IsInteger && b.IsInteger) return new RegoNumber(a._int + b._int);
        if (a.TryGetDecimal(out var x) && b.TryGetDecimal(out var y))
        {
            try { return FromDecimal(x + y); } catch (OverflowException) { }
        }
        return FromDouble(a.AsDouble + b.AsDouble);
    }

    public static RegoNumber Negate(RegoNumber a) => a.Repr switch
    {
        NumberRepr.Integer => new RegoNumber(-a._int),
        NumberRepr.Decimal => new RegoNumber(-a._dec),
        _ => new RegoNumber(-a._dbl),
    };

    public static RegoNumber Subtract(RegoNumber a, RegoNumber b) => Add(a, Negate(b));

    public static RegoNumber Multiply(RegoNumber a, RegoNumber b)
    {
        if (a.IsInteger && b.IsInteger) return new RegoNumber(a._int * b._int);
        if (a.TryGetDecimal(out var x) && b.TryGetDecimal(out var y))
        {
            try { return FromDecimal(x * y); } catch (OverflowException) { }
        }
        return FromDouble(a.AsDouble * b.AsDouble);
    }

    /// <summary>Division; the caller rejects a zero divisor.</summary>
    public static RegoNumber Divide(RegoNumber a, RegoNumber b)
    {
        if (a.IsInteger && b.IsInteger)
        {
            var q = BigInteger.DivRem(a._int, b._int, out var r);
            if (r.IsZero) return new RegoNumber(q);
        }
        if (a.TryGetDecimal(out var x) && b.TryGetDecimal(out var y))
        {
            try { return FromDouble((double)(x / y)); } catch (OverflowException) { }
        }
        return FromDouble(a.AsDouble / b.AsDouble);
    }

    public string ToJsonText() => Repr switch
    {
        NumberRepr.Integer => _literal ?? _int.ToString(CultureInfo.InvariantCulture),
        NumberRepr.Decimal => FormatDecimal(_dec),
        _ => _dbl.ToString("R", CultureInfo.InvariantCulture).Replace("E+", "e+", StringComparison.Ordinal).Replace("E-", "e-", StringComparison.Ordinal),
    };

    private static string FormatDecimal(decimal d)
    {
        var s = d.ToString(CultureInfo.InvariantCulture);
        if (s.Contains('.', StringComparison.Ordinal)) s = s.TrimEnd('0').TrimEnd('.');
        return s;
    }
}
