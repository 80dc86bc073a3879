using System.Globalization;
using System.Runtime.CompilerServices;

namespace Steward.Core.Alignment.Data;

/// <summary>
/// Parses a CSV cell that is a plain decimal number: an optional '-', digits (no superfluous leading
/// zero), an optional fraction with at least one digit and an optional exponent — the forms every CSV
/// reader (DuckDB's sniffer, pandas) reads as the same number. Anything else (a '+', spaces, "inf",
/// "1.", a leading '.') is refused, so that the caller can leave the file to the general reader.
/// The result is the correctly rounded double: numbers of at most 19 digits whose digits form an
/// integer up to 2^53 with a decimal exponent within ±22 take Clinger's fast path (an exact integer
/// times or divided by an exact power of ten: one correctly rounded operation); all others go to the
/// runtime's correctly rounded parser. Integers (no fraction, no exponent, at most 18 digits) are
/// converted as DuckDB converts a BIGINT column: "-0" is +0.0.
/// </summary>
internal static class CsvNumberParser
{
    /// <summary>The longest cell this parser accepts; longer ones are left to the general reader.</summary>
    public const int MaxLength = 64;

    private const NumberStyles Styles = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;

    private static readonly double[] PowersOfTen =
    [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
        1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];

    /// <summary>Mantissas up to 2^53 are exact doubles.</summary>
    private const ulong MaxExactMantissa = 1UL << 53;

    /// <summary>Integers of more digits may not fit a BIGINT column as DuckDB types it.</summary>
    private const int MaxIntegerDigits = 18;

    /// <summary>Digits a ulong holds whatever they are.</summary>
    private const int MaxMantissaDigits = 19;

    /// <summary>Parses the whole of <paramref name="cell"/>; false when it is not a plain finite number.</summary>
    public static bool TryParse(ReadOnlySpan<byte> cell, out double value, out bool integer) =>
        TryParsePrefix(cell, out value, out integer, out var consumed) && consumed == cell.Length;

    /// <summary>
    /// Parses the number at the start of <paramref name="text"/> (up to the first byte that cannot continue
    /// it, e.g. the ',' after a cell); <paramref name="consumed"/> says how far. False when the text does
    /// not start with a plain finite number. <paramref name="integer"/>: written without fraction or exponent.
    /// </summary>
    // Optimised at once: a whole-process run is over before tiered compilation would get to it.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryParsePrefix(ReadOnlySpan<byte> text, out double value, out bool integer, out int consumed)
    {
        value = 0;
        integer = false;
        consumed = 0;
        var i = 0;
        var negative = i < text.Length && text[i] == (byte)'-';
        if (negative) i++;
        var integerStart = i;
        ulong mantissa = 0;
        uint d;
        while (i < text.Length && (d = (uint)(text[i] - '0')) <= 9)
        {
            mantissa = unchecked(mantissa * 10 + d);
            i++;
        }
        var integerDigits = i - integerStart;
        if (integerDigits == 0) return false;
        if (integerDigits > 1 && text[integerStart] == (byte)'0') return false;
        var fractionDigits = 0;
        var exponent = 0;
        integer = true;
        if (i < text.Length && text[i] == (byte)'.')
        {
            integer = false;
            i++;
            var fractionStart = i;
            while (i < text.Length && (d = (uint)(text[i] - '0')) <= 9)
            {
                mantissa = unchecked(mantissa * 10 + d);
                i++;
            }
            fractionDigits = i - fractionStart;
            if (fractionDigits == 0) return false;
        }
        if (i < text.Length && (text[i] | 0x20) == (byte)'e')
        {
            integer = false;
            i++;
            var exponentNegative = false;
            if (i < text.Length && (text[i] == (byte)'-' || text[i] == (byte)'+'))
            {
                exponentNegative = text[i] == (byte)'-';
                i++;
            }
            var exponentStart = i;
            while (i < text.Length && (d = (uint)(text[i] - '0')) <= 9)
            {
                if (exponent < 100_000) exponent = exponent * 10 + (int)d;
                i++;
            }
            if (i == exponentStart) return false;
            if (exponentNegative) exponent = -exponent;
        }
        if (i > MaxLength) return false;
        consumed = i;

        if (integer)
        {
            if (integerDigits > MaxIntegerDigits) return false;
            // As DuckDB reads a BIGINT column and casts it to DOUBLE: "-0" is the integer 0, so +0.0.
            var whole = (long)mantissa;
            value = negative ? -whole : whole;
            return true;
        }
        var power = exponent - fractionDigits;
        if (integerDigits + fractionDigits <= MaxMantissaDigits && mantissa <= MaxExactMantissa && power is >= -22 and <= 22)
        {
            double m = mantissa;
            value = power >= 0 ? m * PowersOfTen[power] : m / PowersOfTen[-power];
            if (negative) value = -value;
            return true;
        }
        return double.TryParse(text[..i], Styles, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
    }
}
