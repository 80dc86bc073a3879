using System.Text;
using FsCheck;
using FsCheck.Fluent;

namespace Steward.Core.Tests.Fuzz;

/// <summary>
/// FsCheck generators for the fuzz suite: inputs made from scratch out of a format's own tokens, and
/// valid samples mutated (bytes flipped, inserted, deleted; spans repeated; deep nesting, alias
/// bombs, huge numbers and invalid UTF-8 spliced in). Sampled with a fixed seed, so every run (and
/// CI) sees the same cases.
/// </summary>
internal static class FuzzInputs
{
    /// <summary>The seed of every sample: a failure reproduces by running the test again.</summary>
    private const ulong Seed = 20261202;

    /// <summary>Byte sequences worth splicing into any text format.</summary>
    private static readonly byte[][] Hostile =
    [
        [0xFF], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82], [0x00],
        "1e400"u8.ToArray(), "-1e400"u8.ToArray(), "1e40"u8.ToArray(), "NaN"u8.ToArray(), "Infinity"u8.ToArray(),
        "99999999999999999999999999999999999999"u8.ToArray(), "-0"u8.ToArray(), "0x7FFFFFFFFFFFFFFFF"u8.ToArray(),
        "\"\\uD800\""u8.ToArray(), "\\u0000"u8.ToArray(), "&a"u8.ToArray(), "*a"u8.ToArray(), "<<: *a"u8.ToArray(),
        "!!binary"u8.ToArray(), "? "u8.ToArray(), "---\n"u8.ToArray(), "...\n"u8.ToArray(), "%YAML 1.1\n"u8.ToArray(),
        "\r\n"u8.ToArray(), "\t"u8.ToArray(), "\"\"\"\""u8.ToArray(), ",,,"u8.ToArray(), "\n\"a,b\",\"c\"\"d\"\n"u8.ToArray(),
    ];

    /// <summary>A valid sample, mutated 1 to 4 times (more would rarely leave anything the reader gets past its first check).</summary>
    public static Gen<byte[]> Mutated(IReadOnlyList<byte[]> samples, string alphabet) =>
        from sample in Gen.Elements(samples.ToArray())
        from edits in Gen.ArrayOf(Edit(alphabet), 1).SelectMany(first => Gen.Choose(0, 3).SelectMany(n => Gen.ArrayOf(Edit(alphabet), n)).Select(more => first.Concat(more).ToArray()))
        select Apply(sample, edits);

    /// <summary>Text made from a format's tokens, with hostile sequences among them.</summary>
    public static Gen<byte[]> Generated(IReadOnlyList<string> tokens) =>
        Gen.Sized(size => Gen.Choose(0, Math.Max(1, size)).SelectMany(count =>
            Gen.ArrayOf(Gen.Frequency(
                (6, Gen.Elements(tokens.ToArray()).Select(t => Encoding.UTF8.GetBytes(t))),
                (1, Gen.Elements(Hostile))), count)))
        .Select(parts => parts.SelectMany(p => p).ToArray());

    /// <summary>Mutated and generated inputs, half each, plus the deep and aliased extremes.</summary>
    public static Gen<byte[]> Any(IReadOnlyList<byte[]> samples, string alphabet, IReadOnlyList<string> tokens) =>
        Gen.Frequency(
            (5, Mutated(samples, alphabet)),
            (4, Generated(tokens)),
            (1, Extreme(samples)));

    /// <summary>A fixed number of cases from <paramref name="gen"/>, the same on every run.</summary>
    public static byte[][] Sample(Gen<byte[]> gen, int count) => Gen.Sample(gen, count, new Rnd(Seed), 40);

    /// <summary>Very deep nesting or an alias bomb put in front of, or around, a sample.</summary>
    private static Gen<byte[]> Extreme(IReadOnlyList<byte[]> samples) =>
        from sample in Gen.Elements(samples.ToArray())
        from kind in Gen.Choose(0, 4)
        from depth in Gen.Elements(100, 1_000, 30_000, 100_000)
        select kind switch
        {
            0 => [.. Encoding.UTF8.GetBytes(new string('[', depth)), .. sample],
            1 => [.. Encoding.UTF8.GetBytes(new string('{', depth)), .. sample],
            2 => Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("- ", depth)) + "x\n"),
            3 => Encoding.UTF8.GetBytes(BillionLaughs()),
            _ => [.. sample, .. Encoding.UTF8.GetBytes(new string('[', depth) + new string(']', depth))],
        };

    public static string BillionLaughs()
    {
        var text = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (var level = 'b'; level <= 'i'; level++)
            text.Append(level).Append(": &").Append(level).Append(" [").Append(string.Join(",", Enumerable.Repeat("*" + (char)(level - 1), 9))).Append("]\n");
        return text.ToString();
    }

    private sealed record EditOp(int Kind, double Where, byte[] Bytes, int Span);

    private static Gen<EditOp> Edit(string alphabet) =>
        from kind in Gen.Choose(0, 5)
        from position in Gen.Choose(0, 1_000_000).Select(n => n / 1_000_000.0)
        from bytes in Gen.Frequency(
            (3, Gen.Elements(alphabet.ToCharArray()).Select(c => Encoding.UTF8.GetBytes(c.ToString()))),
            (1, Gen.Elements(Hostile)),
            (1, Gen.Choose(0, 255).Select(b => new[] { (byte)b })))
        from span in Gen.Choose(1, 64)
        select new EditOp(kind, position, bytes, span);

    private static byte[] Apply(byte[] sample, IEnumerable<EditOp> edits)
    {
        var data = sample.ToList();
        foreach (var edit in edits)
        {
            var at = (int)(edit.Where * data.Count);
            switch (edit.Kind)
            {
                case 0 when data.Count > 0: // flip one bit
                    at = Math.Min(at, data.Count - 1);
                    data[at] ^= (byte)(1 << (edit.Span % 8));
                    break;
                case 1: // insert
                    data.InsertRange(at, edit.Bytes);
                    break;
                case 2 when data.Count > 0: // delete a span
                    data.RemoveRange(at, Math.Min(edit.Span, data.Count - at));
                    break;
                case 3 when data.Count > 0: // repeat a span
                    var span = data.Skip(at).Take(edit.Span).ToList();
                    for (var i = 0; i < 1 + edit.Span % 4; i++) data.InsertRange(at, span);
                    break;
                case 4 when data.Count > 0: // replace a byte
                    at = Math.Min(at, data.Count - 1);
                    data.RemoveAt(at);
                    data.InsertRange(at, edit.Bytes);
                    break;
                default: // truncate
                    data.RemoveRange(at, data.Count - at);
                    break;
            }
        }
        return data.ToArray();
    }
}
