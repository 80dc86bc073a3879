using Steward.Rego.Values;

namespace Steward.Rego.Json;

/// <summary>
/// The entries of a decoded object as <see cref="RegoObject"/>'s compact form keeps them: sorted
/// by key (JSON keys are strings: ordinal order, as <see cref="RegoString"/> compares), no key
/// twice. A key given twice keeps its last value, as <see cref="RegoJson.Parse"/> does.
/// </summary>
internal static class RegoObjectEntries
{
    /// <summary>Entries from key, value, key, value... in document order.</summary>
    public static KeyValuePair<RegoValue, RegoValue>[] FromPairs(ReadOnlySpan<RegoValue> pairs)
    {
        var entries = new KeyValuePair<RegoValue, RegoValue>[pairs.Length / 2];
        for (var i = 0; i < entries.Length; i++) entries[i] = new(pairs[2 * i], pairs[2 * i + 1]);
        return Sort(entries);
    }

    /// <summary>Sorts entries given in document order (the array is reused) and drops all but the last of equal keys.</summary>
    public static KeyValuePair<RegoValue, RegoValue>[] Sort(KeyValuePair<RegoValue, RegoValue>[] entries)
    {
        var n = entries.Length;
        if (n <= 16)
        {
            // Insertion sort: stable, and the fastest for the few keys most objects have.
            for (var i = 1; i < n; i++)
            {
                var e = entries[i];
                var j = i - 1;
                while (j >= 0 && Compare(entries[j].Key, e.Key) > 0)
                {
                    entries[j + 1] = entries[j];
                    j--;
                }
                entries[j + 1] = e;
            }
        }
        else
        {
            // Stable: equal keys stay in document order (Array.Sort alone is not stable).
            var order = new int[n];
            for (var i = 0; i < n; i++) order[i] = i;
            var unsorted = entries;
            Array.Sort(order, (x, y) =>
            {
                var c = Compare(unsorted[x].Key, unsorted[y].Key);
                return c != 0 ? c : x.CompareTo(y);
            });
            entries = new KeyValuePair<RegoValue, RegoValue>[n];
            for (var i = 0; i < n; i++) entries[i] = unsorted[order[i]];
        }
        return Deduplicate(entries);
    }

    private static int Compare(RegoValue a, RegoValue b) =>
        ReferenceEquals(a, b) ? 0 : string.CompareOrdinal(((RegoString)a).Value, ((RegoString)b).Value);

    /// <summary>Keeps the last of each run of equal keys (the array is sorted, equal keys in document order).</summary>
    private static KeyValuePair<RegoValue, RegoValue>[] Deduplicate(KeyValuePair<RegoValue, RegoValue>[] entries)
    {
        var kept = 0;
        for (var i = 0; i < entries.Length; i++)
        {
            if (i + 1 < entries.Length && Compare(entries[i].Key, entries[i + 1].Key) == 0) continue;
            entries[kept++] = entries[i];
        }
        return kept == entries.Length ? entries : entries[..kept];
    }
}
