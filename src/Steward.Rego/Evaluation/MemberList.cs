using Steward.Rego.Values;

namespace Steward.Rego.Evaluation;

/// <summary>The members of a collection by position, in the order the evaluator iterates them.</summary>
internal sealed class MemberList
{
    private readonly RegoArray? _array;
    private readonly RegoValue[]? _keys;
    private readonly RegoValue[] _values;

    private MemberList(RegoArray? array, RegoValue[]? keys, RegoValue[] values)
    {
        _array = array;
        _keys = keys;
        _values = values;
    }

    public int Count => _array?.Count ?? _values.Length;

    /// <summary>An array's index, an object's key, a set's element.</summary>
    public RegoValue Key(int i) => _array is not null ? RegoNumber.FromInteger(i) : (_keys ?? _values)[i];

    public RegoValue Value(int i) => _array is not null ? _array[i] : _values[i];

    /// <summary>The members of an array, object or set of <paramref name="min"/> members or more; null for any other value.</summary>
    public static MemberList? OfLarge(RegoValue? value, int min) => value switch
    {
        RegoArray a when a.Count >= min => new MemberList(a, null, []),
        RegoObject o when o.Count >= min => new MemberList(null, [.. o.Entries.Select(e => e.Key)], [.. o.Entries.Select(e => e.Value)]),
        RegoSet s when s.Count >= min => new MemberList(null, null, [.. s.Items]),
        _ => null,
    };
}
