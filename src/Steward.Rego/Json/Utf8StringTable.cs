namespace Steward.Rego.Json;

/// <summary>
/// Short strings by their UTF-8 bytes, for <see cref="RegoStringInterner"/>: a key or value seen
/// before is found without transcoding it to UTF-16 first. Open addressing with linear probing;
/// the hash is <see cref="HashCode"/>'s, seeded per process, so an input cannot be crafted to make
/// its strings collide. The interner bounds the entries.
/// </summary>
internal sealed class Utf8StringTable
{
    private Entry[] _entries = new Entry[256];

    public int Count { get; private set; }

    /// <summary>The string of these bytes, or null; <paramref name="hash"/> is theirs, for <see cref="Add"/>.</summary>
    public Values.RegoString? TryGet(ReadOnlySpan<byte> utf8, out int hash)
    {
        var h = new HashCode();
        h.AddBytes(utf8);
        hash = h.ToHashCode();
        var mask = _entries.Length - 1;
        for (var i = hash & mask; _entries[i].Bytes is { } bytes; i = (i + 1) & mask)
        {
            if (_entries[i].Hash == hash && utf8.SequenceEqual(bytes)) return _entries[i].Value;
        }
        return null;
    }

    /// <summary>Adds bytes not in the table (as <see cref="TryGet"/> found), with their hash.</summary>
    public void Add(ReadOnlySpan<byte> utf8, int hash, Values.RegoString value)
    {
        // At most half full: probes stay short.
        if (2 * (Count + 1) > _entries.Length) Grow();
        Insert(_entries, new Entry(utf8.ToArray(), hash, value));
        Count++;
    }

    private void Grow()
    {
        var larger = new Entry[_entries.Length * 2];
        foreach (var entry in _entries)
        {
            if (entry.Bytes is not null) Insert(larger, entry);
        }
        _entries = larger;
    }

    private static void Insert(Entry[] entries, Entry entry)
    {
        var mask = entries.Length - 1;
        var i = entry.Hash & mask;
        while (entries[i].Bytes is not null) i = (i + 1) & mask;
        entries[i] = entry;
    }

    private readonly record struct Entry(byte[]? Bytes, int Hash, Values.RegoString Value);
}
