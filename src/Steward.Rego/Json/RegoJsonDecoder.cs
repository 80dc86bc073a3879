using System.Collections.Immutable;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Text.Json;
using Steward.Rego.Values;

namespace Steward.Rego.Json;

/// <summary>
/// Decodes UTF-8 JSON straight into Rego values: one pass of <see cref="Utf8JsonReader"/>, no
/// intermediate document, object keys and short strings shared (<see cref="RegoStringInterner"/>).
/// The values are exactly those of <see cref="RegoJson.Parse"/>: numbers go through
/// <see cref="RegoNumber.Parse"/> (big integers, decimals, 1e400 kept as written) unless they are
/// plain 64-bit integers, and a key given twice keeps its last value. Strictly UTF-8: a byte that
/// is not is an error, never a replacement character. Iterative, so the depth limit, not the
/// stack, bounds nesting. Serves <c>policy eval --input</c>, <c>check</c> and the admission webhook.
/// </summary>
public static class RegoJsonDecoder
{
    /// <summary>The engine's JSON depth, as <see cref="RegoJson.Parse"/> reads JSON.</summary>
    public const int DefaultMaxDepth = 1000;

    /// <summary>Decodes one JSON value (whitespace around it allowed, nothing else; no byte-order mark).</summary>
    /// <exception cref="JsonException">Not JSON, not UTF-8, or nested deeper than <paramref name="maxDepth"/>; with the line and byte position.</exception>
    public static RegoValue Decode(ReadOnlySpan<byte> utf8, int maxDepth = DefaultMaxDepth)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDepth, 1);
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = maxDepth });
        return new Decoding(utf8).Run(ref reader);
    }

    /// <summary>
    /// As <see cref="Decode(ReadOnlySpan{byte}, int)"/>; a large top-level array is decoded in
    /// parts on several cores (<see cref="ParallelArrayDecoding"/>), with the same result.
    /// </summary>
    /// <exception cref="JsonException">Not JSON, not UTF-8, or nested deeper than <paramref name="maxDepth"/>; with the line and byte position.</exception>
    public static RegoValue Decode(ReadOnlyMemory<byte> utf8, int maxDepth = DefaultMaxDepth)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDepth, 1);
        return ParallelArrayDecoding.TryDecode(utf8, maxDepth) ?? Decode(utf8.Span, maxDepth);
    }

    /// <summary>One decoding: its string table and the stack of open arrays and objects.</summary>
    private ref struct Decoding
    {
        private readonly ReadOnlySpan<byte> _text;
        private readonly RegoStringInterner _strings = new();

        // Values of every open container, innermost last; an object's entries are key, value, key, value...
        private readonly List<RegoValue> _values = new(256);

        // Where each open container's values start in _values (negated - 1 for an object).
        private readonly List<int> _open = new(32);

        public Decoding(ReadOnlySpan<byte> text) => _text = text;

        public RegoValue Run(ref Utf8JsonReader reader)
        {
            try
            {
                return Read(ref reader);
            }
            catch (InvalidOperationException e)
            {
                // GetString's refusal of an escaped lone surrogate or of bad UTF-8 after unescaping.
                throw Error(ref reader, (int)reader.TokenStartIndex, "invalid string: " + e.Message);
            }
        }

        private RegoValue Read(ref Utf8JsonReader reader)
        {
            // Read() itself reports empty input, bad tokens, depth and trailing content.
            while (reader.Read())
            {
                RegoValue value;
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                        _open.Add(-_values.Count - 1);
                        continue;
                    case JsonTokenType.StartArray:
                        _open.Add(_values.Count);
                        continue;
                    case JsonTokenType.PropertyName:
                        _values.Add(String(ref reader));
                        continue;
                    case JsonTokenType.EndObject:
                        value = CloseObject();
                        break;
                    case JsonTokenType.EndArray:
                        value = CloseArray();
                        break;
                    case JsonTokenType.String:
                        value = String(ref reader);
                        break;
                    case JsonTokenType.Number:
                        value = Number(ref reader);
                        break;
                    case JsonTokenType.True:
                        value = RegoBool.True;
                        break;
                    case JsonTokenType.False:
                        value = RegoBool.False;
                        break;
                    default:
                        value = RegoNull.Instance;
                        break;
                }
                if (_open.Count == 0)
                {
                    // The root is complete: anything but whitespace after it is an error of Read().
                    while (reader.Read()) { }
                    return value;
                }
                _values.Add(value);
            }
            // Unreachable with isFinalBlock: Read() throws on incomplete input.
            throw new JsonException("unexpected end of JSON");
        }

        private RegoArray CloseArray()
        {
            var start = _open[^1];
            _open.RemoveAt(_open.Count - 1);
            var count = _values.Count - start;
            if (count == 0) return RegoArray.Empty;
            var items = ImmutableArray.Create<RegoValue>(CollectionsMarshal.AsSpan(_values).Slice(start, count));
            _values.RemoveRange(start, count);
            return new RegoArray(items);
        }

        private RegoObject CloseObject()
        {
            var start = -_open[^1] - 1;
            _open.RemoveAt(_open.Count - 1);
            var count = _values.Count - start;
            if (count == 0) return RegoObject.Empty;
            var entries = RegoObjectEntries.FromPairs(CollectionsMarshal.AsSpan(_values).Slice(start, count));
            _values.RemoveRange(start, count);
            return new RegoObject(entries);
        }

        private RegoString String(ref Utf8JsonReader reader)
        {
            if (reader.ValueIsEscaped)
            {
                // Escapes are ASCII: the raw bytes are UTF-8 exactly when the text is.
                if (!System.Text.Unicode.Utf8.IsValid(reader.ValueSpan)) throw NotUtf8(ref reader);
                return _strings.FromString(reader.GetString()!);
            }
            return _strings.FromUtf8(reader.ValueSpan) ?? throw NotUtf8(ref reader);
        }

        private static RegoNumber Number(ref Utf8JsonReader reader)
        {
            // A plain integer (no fraction, no exponent) of 64 bits: what RegoNumber.Parse makes of it, without the text.
            if (reader.TryGetInt64(out var n))
                return RegoNumber.FromInteger(n);
            // Numbers are ASCII, as the reader has checked.
            return RegoNumber.Parse(System.Text.Encoding.ASCII.GetString(reader.ValueSpan));
        }

        private JsonException NotUtf8(ref Utf8JsonReader reader)
        {
            var start = (int)reader.TokenStartIndex + 1; // after the opening quote
            var offset = start + FirstInvalid(reader.ValueSpan);
            return Error(ref reader, offset, $"not valid UTF-8 (byte 0x{_text[offset]:X2})");
        }

        private static int FirstInvalid(ReadOnlySpan<byte> utf8)
        {
            var offset = 0;
            while (offset < utf8.Length)
            {
                if (System.Text.Rune.DecodeFromUtf8(utf8[offset..], out _, out var consumed) != System.Buffers.OperationStatus.Done) return offset;
                offset += consumed;
            }
            return utf8.Length;
        }

        /// <summary>An error at a byte offset, with the 0-based line and byte position System.Text.Json's own errors carry.</summary>
        private JsonException Error(ref Utf8JsonReader reader, int offset, string message)
        {
            _ = reader;
            var before = _text[..Math.Min(offset, _text.Length)];
            var line = before.Count((byte)'\n');
            var position = before.Length - (before.LastIndexOf((byte)'\n') + 1);
            return new JsonException($"{message} LineNumber: {line} | BytePositionInLine: {position}.", null, line, position);
        }
    }
}
