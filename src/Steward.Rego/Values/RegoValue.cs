namespace Steward.Rego.Values;

/// <summary>The kinds of value in the order OPA sorts them.</summary>
public enum RegoKind
{
    Null = 0,
    Boolean = 1,
    Number = 2,
    String = 3,
    Array = 4,
    Object = 5,
    Set = 6,
}

/// <summary>An immutable Rego value: JSON plus sets; totally ordered as OPA orders them.</summary>
public abstract class RegoValue : IComparable<RegoValue>, IEquatable<RegoValue>
{
    public abstract RegoKind Kind { get; }

    /// <summary>OPA's type name: null, boolean, number, string, array, object, set.</summary>
    public string TypeName => Kind switch
    {
        RegoKind.Null => "null",
        RegoKind.Boolean => "boolean",
        RegoKind.Number => "number",
        RegoKind.String => "string",
        RegoKind.Array => "array",
        RegoKind.Object => "object",
        _ => "set",
    };

    public static RegoValue Null => RegoNull.Instance;

    public static RegoValue True => RegoBool.True;

    public static RegoValue False => RegoBool.False;

    public static RegoValue FromJson(string json) => RegoJson.Parse(json);

    public static RegoValue FromJson(System.Text.Json.JsonElement element) => RegoJson.FromElement(element);

    public string ToJson() => RegoJson.Serialize(this);

    public int CompareTo(RegoValue? other)
    {
        if (other is null) return 1;
        if (ReferenceEquals(this, other)) return 0;
        // Compared as integers: Enum.CompareTo(object) boxes both kinds, on every comparison of a lookup or sort.
        var k = ((int)Kind).CompareTo((int)other.Kind);
        return k != 0 ? k : CompareSameKind(other);
    }

    protected abstract int CompareSameKind(RegoValue other);

    public bool Equals(RegoValue? other) => other is not null && CompareTo(other) == 0;

    public override bool Equals(object? obj) => obj is RegoValue v && Equals(v);

    public abstract override int GetHashCode();

    public override string ToString() => RegoJson.Format(this);

    public static bool operator ==(RegoValue? a, RegoValue? b) => a is null ? b is null : a.Equals(b);

    public static bool operator !=(RegoValue? a, RegoValue? b) => !(a == b);

    public static bool operator <(RegoValue a, RegoValue b) => a.CompareTo(b) < 0;

    public static bool operator >(RegoValue a, RegoValue b) => a.CompareTo(b) > 0;

    public static bool operator <=(RegoValue a, RegoValue b) => a.CompareTo(b) <= 0;

    public static bool operator >=(RegoValue a, RegoValue b) => a.CompareTo(b) >= 0;

    public static RegoValue From(string s) => new RegoString(s);

    public static RegoValue From(bool b) => b ? RegoBool.True : RegoBool.False;

    public static RegoValue From(long n) => RegoNumber.FromInteger(n);
}

public sealed class RegoNull : RegoValue
{
    public static readonly RegoNull Instance = new();

    private RegoNull() { }

    public override RegoKind Kind => RegoKind.Null;

    protected override int CompareSameKind(RegoValue other) => 0;

    public override int GetHashCode() => 17;
}

public sealed class RegoBool : RegoValue
{
    public static readonly new RegoBool True = new(true);
    public static readonly new RegoBool False = new(false);

    private RegoBool(bool value) => Value = value;

    public bool Value { get; }

    public override RegoKind Kind => RegoKind.Boolean;

    protected override int CompareSameKind(RegoValue other) => Value.CompareTo(((RegoBool)other).Value);

    public override int GetHashCode() => Value ? 1 : 2;
}

public sealed class RegoString : RegoValue
{
    public static readonly RegoString Empty = new(string.Empty);

    public RegoString(string value) => Value = value;

    public string Value { get; }

    public override RegoKind Kind => RegoKind.String;

    protected override int CompareSameKind(RegoValue other) => string.CompareOrdinal(Value, ((RegoString)other).Value);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);
}
