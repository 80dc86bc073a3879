using Steward.Rego.Values;

namespace Steward.Rego.Evaluation;

/// <summary>An immutable chain of variable bindings; a newer binding shadows an older one of the same name.</summary>
internal sealed class Bindings
{
    private Bindings(string name, RegoValue value, Bindings? next)
    {
        Name = name;
        Value = value;
        Next = next;
    }

    public string Name { get; }

    public RegoValue Value { get; }

    public Bindings? Next { get; }

    public static Bindings Bind(Bindings? b, string name, RegoValue value) => new(name, value, b);

    public static RegoValue? Lookup(Bindings? b, string name)
    {
        for (var n = b; n is not null; n = n.Next)
        {
            if (string.Equals(n.Name, name, StringComparison.Ordinal)) return n.Value;
        }
        return null;
    }
}

internal delegate bool Cont(Bindings? b);

internal delegate bool ValueCont(RegoValue v, Bindings? b);
