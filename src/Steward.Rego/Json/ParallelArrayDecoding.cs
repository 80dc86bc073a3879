using System.Buffers;
using System.Collections.Immutable;
using System.Text.Json;
using Steward.Rego.Values;

namespace Steward.Rego.Json;

/// <summary>
/// A large top-level array (a list of objects: `kubectl get -o json` items, an export) decoded in
/// parts on several cores. A quick scan finds commas between elements near equal offsets; each
/// part, wrapped in brackets, is decoded on its own. The parts are valid arrays exactly when the
/// whole is (the grammar of an array body is closed under joining with commas), so the result is
/// the same array. On any doubt (no split found, a part that does not decode) it gives up and
/// the caller decodes the whole in one pass, which also reports the error with its true position.
/// </summary>
internal static class ParallelArrayDecoding
{
    /// <summary>Below this, one pass is as quick as starting threads.</summary>
    internal const int MinimumBytes = 1 << 20;

    private static readonly SearchValues<byte> Structure = SearchValues.Create("\"[]{},"u8);
    private static readonly SearchValues<byte> InString = SearchValues.Create("\"\\"u8);

    public static RegoArray? TryDecode(ReadOnlyMemory<byte> utf8, int maxDepth)
    {
        var parts = Math.Min(Environment.ProcessorCount, 8);
        if (parts < 2 || utf8.Length < MinimumBytes) return null;
        var bodies = Split(utf8.Span, parts);
        if (bodies is null) return null;
        var results = new RegoArray?[bodies.Count];
        Parallel.For(0, bodies.Count, i => results[i] = DecodePart(utf8.Slice(bodies[i].Start, bodies[i].Length), maxDepth));
        if (results.Any(r => r is null)) return null;
        var items = ImmutableArray.CreateBuilder<RegoValue>(results.Sum(r => r!.Count));
        foreach (var r in results) items.AddRange(r!.Items);
        return new RegoArray(items.MoveToImmutable());
    }

    private static RegoArray? DecodePart(ReadOnlyMemory<byte> body, int maxDepth)
    {
        var wrapped = new byte[body.Length + 2];
        wrapped[0] = (byte)'[';
        body.Span.CopyTo(wrapped.AsSpan(1));
        wrapped[^1] = (byte)']';
        try
        {
            return RegoJsonDecoder.Decode(wrapped.AsSpan(), maxDepth) as RegoArray;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The bodies between the brackets, cut at commas of depth 1; null when the text is not one array with a split.</summary>
    private static List<(int Start, int Length)>? Split(ReadOnlySpan<byte> text, int parts)
    {
        var first = 0;
        while (first < text.Length && IsWhitespace(text[first])) first++;
        var last = text.Length - 1;
        while (last > first && IsWhitespace(text[last])) last--;
        if (first >= last || text[first] != (byte)'[' || text[last] != (byte)']') return null;

        var cuts = new List<int>();
        var target = (long)text.Length * (cuts.Count + 1) / parts;
        var depth = 1;
        var i = first + 1;
        while (i < last && cuts.Count < parts - 1)
        {
            var next = text[i..last].IndexOfAny(Structure);
            if (next < 0) break;
            i += next;
            switch (text[i])
            {
                case (byte)'"':
                    // Skip the string: to its closing quote, over escaped characters.
                    i++;
                    while (true)
                    {
                        var stop = text[i..last].IndexOfAny(InString);
                        if (stop < 0) return null;
                        i += stop;
                        if (text[i] == (byte)'"') break;
                        i += 2;
                        if (i >= last) return null;
                    }
                    break;
                case (byte)'[' or (byte)'{':
                    depth++;
                    break;
                case (byte)']' or (byte)'}':
                    if (--depth < 1) return null;
                    break;
                default: // ','
                    if (depth == 1 && i >= target)
                    {
                        cuts.Add(i);
                        target = (long)text.Length * (cuts.Count + 1) / parts;
                    }
                    break;
            }
            i++;
        }
        if (cuts.Count == 0) return null;
        var bodies = new List<(int Start, int Length)>(cuts.Count + 1);
        var start = first + 1;
        foreach (var cut in cuts)
        {
            bodies.Add((start, cut - start));
            start = cut + 1;
        }
        bodies.Add((start, last - start));
        // An empty part would hide a missing element ("[1,,2]"): let the one pass report it.
        foreach (var (s, length) in bodies)
            if (!text.Slice(s, length).ContainsAnyExcept(" \t\r\n"u8)) return null;
        return bodies;
    }

    private static bool IsWhitespace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n';
}
