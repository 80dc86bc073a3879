using System.Runtime.InteropServices;
using Steward.Rego.Values;

namespace Steward.Rego.Json;

/// <summary>
/// Builds Rego values from a tree that is not JSON text (the YAML nodes <c>check</c> reads), in
/// the compact form <see cref="RegoJsonDecoder"/> gives them: objects as sorted entry arrays,
/// equal short strings shared. One builder serves one thread; its strings may be shared by every
/// value it builds, so a builder kept over many objects shares their keys ("metadata", "name").
/// </summary>
public sealed class RegoTreeBuilder
{
    private readonly RegoStringInterner _strings = new();

    /// <summary>The (shared) Rego string for <paramref name="value"/>.</summary>
    public RegoString String(string value) => _strings.FromString(value);

    /// <summary>
    /// An object of entries given in document order (the span is read, not kept): a key given twice
    /// keeps its last value, as <see cref="RegoJson.Parse"/> and a JSON object's indexer do.
    /// </summary>
    public RegoValue Object(ReadOnlySpan<KeyValuePair<string, RegoValue>> entries)
    {
        if (entries.Length == 0) return RegoObject.Empty;
        var pairs = new KeyValuePair<RegoValue, RegoValue>[entries.Length];
        for (var i = 0; i < pairs.Length; i++) pairs[i] = new(_strings.FromString(entries[i].Key), entries[i].Value);
        return new RegoObject(RegoObjectEntries.Sort(pairs));
    }

    /// <summary>An array of <paramref name="items"/> (the array is kept: the caller gives it up).</summary>
    public static RegoValue Array(RegoValue[] items) =>
        items.Length == 0 ? RegoArray.Empty : new RegoArray(ImmutableCollectionsMarshal.AsImmutableArray(items));
}
