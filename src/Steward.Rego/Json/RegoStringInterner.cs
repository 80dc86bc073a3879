using System.Text.Unicode;

namespace Steward.Rego.Json;

/// <summary>
/// Shares one <see cref="Values.RegoString"/> among equal short strings of one decoding: object
/// keys ("metadata", "name") and repeated values ("Deployment", "500m") repeat thousands of times
/// in a list of objects, and an immutable value can be shared. Bounded in entries and in length,
/// so a hostile input of unique strings costs at most <see cref="MaxEntries"/> cached strings.
/// </summary>
internal sealed class RegoStringInterner
{
    /// <summary>Longest string kept; longer ones (messages, certificates) rarely repeat.</summary>
    internal const int MaxLength = 64;

    /// <summary>Most strings kept; past this, lookups still hit but nothing new is added.</summary>
    internal const int MaxEntries = 16_384;

    private readonly Dictionary<string, Values.RegoString> _strings = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Values.RegoString>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly char[] _buffer = new char[MaxLength];
    private readonly Utf8StringTable _byBytes = new();

    public RegoStringInterner() => _lookup = _strings.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The string of unescaped UTF-8 bytes; null when they are not valid UTF-8.</summary>
    public Values.RegoString? FromUtf8(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > MaxLength)
        {
            // Strict: a replaced byte would silently change a name (as JsonInput.CheckUtf8 refuses them).
            if (!Utf8.IsValid(utf8)) return null;
            return new Values.RegoString(System.Text.Encoding.UTF8.GetString(utf8));
        }
        if (utf8.Length == 0) return Values.RegoString.Empty;
        // Most short strings of a large input were seen before: found by their bytes, not transcoded again.
        if (_byBytes.TryGet(utf8, out var hash) is { } seen) return seen;
        // At most as many chars as bytes, so the buffer always suffices.
        var status = Utf8.ToUtf16(utf8, _buffer, out _, out var written, replaceInvalidSequences: false);
        if (status != System.Buffers.OperationStatus.Done) return null;
        var value = FromChars(_buffer.AsSpan(0, written));
        if (_byBytes.Count < MaxEntries) _byBytes.Add(utf8, hash, value);
        return value;
    }

    /// <summary>The shared string for these characters (a new one when too long or the table is full).</summary>
    public Values.RegoString FromChars(ReadOnlySpan<char> chars)
    {
        if (chars.Length == 0) return Values.RegoString.Empty;
        if (chars.Length > MaxLength) return new Values.RegoString(chars.ToString());
        if (_lookup.TryGetValue(chars, out var known)) return known;
        var value = new Values.RegoString(chars.ToString());
        if (_strings.Count < MaxEntries) _strings.Add(value.Value, value);
        return value;
    }

    /// <summary>The shared string for a .NET string (no copy when it is new).</summary>
    public Values.RegoString FromString(string s)
    {
        if (s.Length == 0) return Values.RegoString.Empty;
        if (s.Length > MaxLength) return new Values.RegoString(s);
        if (_strings.TryGetValue(s, out var known)) return known;
        var value = new Values.RegoString(s);
        if (_strings.Count < MaxEntries) _strings.Add(s, value);
        return value;
    }
}
