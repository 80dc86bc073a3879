using System.Numerics;
using System.Security.Cryptography;

namespace Steward.Rego.Builtins;

/// <summary>
/// Ed25519 signatures (RFC 8032 §5.1) for JWT's EdDSA, written out because .NET has no Ed25519
/// and Steward.Rego takes no packages. Follows the RFC's reference code in extended coordinates;
/// it signs and verifies public test data, it is not a constant-time implementation for secrets
/// that an attacker can time.
/// </summary>
internal static class Ed25519
{
    private static readonly BigInteger P = BigInteger.Pow(2, 255) - 19;
    private static readonly BigInteger L = BigInteger.Pow(2, 252) + BigInteger.Parse("27742317777372353535851937790883648493", System.Globalization.CultureInfo.InvariantCulture);
    private static readonly BigInteger D = Mod(-121665 * Inverse(121666));
    private static readonly BigInteger SqrtMinusOne = BigInteger.ModPow(2, (P - 1) / 4, P);
    private static readonly Point Base = BasePoint();

    private readonly record struct Point(BigInteger X, BigInteger Y, BigInteger Z, BigInteger T);

    private static readonly Point Neutral = new(0, 1, 1, 0);

    /// <summary>The 64-byte signature of <paramref name="message"/> under the 32-byte private seed.</summary>
    public static byte[] Sign(byte[] seed, byte[] message)
    {
        if (seed.Length != 32) throw new ArgumentException("an Ed25519 private key is 32 bytes");
        var h = SHA512.HashData(seed);
        var a = Scalar(h);
        var prefix = h[32..];
        var publicKey = Encode(Multiply(a, Base));
        var r = HashModL([.. prefix, .. message]);
        var rEncoded = Encode(Multiply(r, Base));
        var k = HashModL([.. rEncoded, .. publicKey, .. message]);
        var s = Mod(r + k * a, L);
        return [.. rEncoded, .. Little(s)];
    }

    public static bool Verify(byte[] publicKey, byte[] message, byte[] signature)
    {
        if (publicKey.Length != 32 || signature.Length != 64) return false;
        if (Decode(publicKey) is not { } a || Decode(signature[..32]) is not { } r) return false;
        var s = FromLittle(signature[32..]);
        if (s >= L) return false;
        var k = HashModL([.. signature[..32], .. publicKey, .. message]);
        return SamePoint(Multiply(s, Base), Add(r, Multiply(k, a)));
    }

    private static BigInteger Scalar(byte[] h)
    {
        var a = FromLittle(h[..32]);
        a &= (BigInteger.One << 254) - 8;
        return a | (BigInteger.One << 254);
    }

    private static BigInteger HashModL(byte[] data) => Mod(FromLittle(SHA512.HashData(data)), L);

    private static Point Add(Point p, Point q)
    {
        var a = Mod((p.Y - p.X) * (q.Y - q.X));
        var b = Mod((p.Y + p.X) * (q.Y + q.X));
        var c = Mod(2 * p.T * q.T * D);
        var d = Mod(2 * p.Z * q.Z);
        var (e, f, g, h) = (b - a, d - c, d + c, b + a);
        return new Point(Mod(e * f), Mod(g * h), Mod(f * g), Mod(e * h));
    }

    private static Point Multiply(BigInteger s, Point p)
    {
        var q = Neutral;
        while (s > 0)
        {
            if (!s.IsEven) q = Add(q, p);
            p = Add(p, p);
            s >>= 1;
        }
        return q;
    }

    private static bool SamePoint(Point p, Point q)
        => Mod(p.X * q.Z - q.X * p.Z).IsZero && Mod(p.Y * q.Z - q.Y * p.Z).IsZero;

    private static BigInteger? RecoverX(BigInteger y, bool odd)
    {
        if (y >= P) return null;
        var x2 = Mod((y * y - 1) * Inverse(Mod(D * y * y + 1)));
        if (x2.IsZero) return odd ? null : BigInteger.Zero;
        var x = BigInteger.ModPow(x2, (P + 3) / 8, P);
        if (!Mod(x * x - x2).IsZero) x = Mod(x * SqrtMinusOne);
        if (!Mod(x * x - x2).IsZero) return null;
        if (!x.IsEven != odd) x = P - x;
        return x;
    }

    private static byte[] Encode(Point p)
    {
        var zInv = Inverse(p.Z);
        var x = Mod(p.X * zInv);
        var y = Mod(p.Y * zInv);
        return Little(x.IsEven ? y : y | (BigInteger.One << 255));
    }

    private static Point? Decode(byte[] bytes)
    {
        var y = FromLittle(bytes);
        var odd = !(y >> 255).IsZero;
        y &= (BigInteger.One << 255) - 1;
        if (RecoverX(y, odd) is not { } x) return null;
        return new Point(x, y, 1, Mod(x * y));
    }

    private static Point BasePoint()
    {
        var y = Mod(4 * Inverse(5));
        var x = RecoverX(y, false)!.Value;
        return new Point(x, y, 1, Mod(x * y));
    }

    private static BigInteger Inverse(BigInteger x) => BigInteger.ModPow(x, P - 2, P);

    private static BigInteger Mod(BigInteger x) => Mod(x, P);

    private static BigInteger Mod(BigInteger x, BigInteger m)
    {
        var r = BigInteger.Remainder(x, m);
        return r.Sign < 0 ? r + m : r;
    }

    private static BigInteger FromLittle(byte[] b) => new(b, isUnsigned: true, isBigEndian: false);

    private static byte[] Little(BigInteger x)
    {
        var bytes = x.ToByteArray(isUnsigned: true, isBigEndian: false);
        return bytes.Length >= 32 ? bytes[..32] : [.. bytes, .. new byte[32 - bytes.Length]];
    }
}
