using Steward.Rego.Evaluation;
using Steward.Rego.Values;

namespace Steward.Rego.Builtins;

/// <summary>What a builtin may use besides its arguments.</summary>
internal sealed class BuiltinContext
{
    public required EvalOptions Options { get; init; }

    public required DateTimeOffset Now { get; init; }

    /// <summary>The query's limits: ask before building, poll in long loops.</summary>
    public required ResourceMeter Meter { get; init; }

    public Dictionary<string, object> Cache { get; } = new(StringComparer.Ordinal);

    public void CheckSize(string fn, long size) => Meter.CheckCollection(fn, size);
}

/// <summary>A builtin returns its value, or null when undefined.</summary>
internal delegate RegoValue? BuiltinFunc(BuiltinContext ctx, RegoValue[] args);

/// <summary>A relation builtin (walk) yields several values.</summary>
internal delegate IEnumerable<RegoValue> BuiltinRelation(BuiltinContext ctx, RegoValue[] args);

internal sealed record BuiltinDef(string Name, int Arity, BuiltinFunc? Fn, BuiltinRelation? Relation = null);

/// <summary>All builtins by name; each category registers itself.</summary>
internal static class BuiltinRegistry
{
    private static readonly Dictionary<string, BuiltinDef> All = Build();

    public static bool TryGet(string name, out BuiltinDef def) => All.TryGetValue(name, out def!);

    public static int? Arity(string name) => All.TryGetValue(name, out var d) ? d.Arity : null;

    public static IEnumerable<string> Names => All.Keys;

    private static Dictionary<string, BuiltinDef> Build()
    {
        var d = new Dictionary<string, BuiltinDef>(StringComparer.Ordinal);
        var r = new Registrar(d);
        Comparison.Register(r);
        Arithmetic.Register(r);
        Aggregates.Register(r);
        Sets.Register(r);
        Arrays.Register(r);
        Objects.Register(r);
        Strings.Register(r);
        Types.Register(r);
        Encoding.Register(r);
        Regex.Register(r);
        Glob.Register(r);
        Bits.Register(r);
        Units.Register(r);
        Conversions.Register(r);
        Time.Register(r);
        Semver.Register(r);
        Net.Register(r);
        Crypto.Register(r);
        Graph.Register(r);
        JsonBuiltins.Register(r);
        JsonSchema.JsonSchemaBuiltins.Register(r);
        Jwt.Register(r);
        Misc.Register(r);
        RegoModules.Register(r);
        GraphQl.Register(r);
        Aws.Register(r);
        return d;
    }
}

internal sealed class Registrar
{
    private readonly Dictionary<string, BuiltinDef> _d;

    public Registrar(Dictionary<string, BuiltinDef> d) => _d = d;

    public void Add(string name, int arity, BuiltinFunc fn) => _d[name] = new BuiltinDef(name, arity, fn);

    public void Add(string name, Func<RegoValue[], RegoValue?> fn, int arity) => _d[name] = new BuiltinDef(name, arity, (_, a) => fn(a));

    public void Rel(string name, int arity, BuiltinRelation fn) => _d[name] = new BuiltinDef(name, arity, null, fn);
}

/// <summary>Argument checks that raise OPA's operand type errors.</summary>
internal static class Arg
{
    public static RegoException TypeError(string fn, int index, string expected, RegoValue got)
        => new(RegoErrorCodes.EvalType, $"{fn}: operand {index + 1} must be {expected} but got {got.TypeName}");

    public static RegoException Error(string fn, string message) => new(RegoErrorCodes.Builtin, $"{fn}: {message}");

    public static string Str(string fn, RegoValue[] a, int i) => a[i] is RegoString s ? s.Value : throw TypeError(fn, i, "string", a[i]);

    public static RegoNumber Num(string fn, RegoValue[] a, int i) => a[i] as RegoNumber ?? throw TypeError(fn, i, "number", a[i]);

    public static int Int(string fn, RegoValue[] a, int i)
    {
        var n = Num(fn, a, i);
        if (!n.TryGetInt32(out var v)) throw new RegoException(RegoErrorCodes.EvalType, $"{fn}: operand {i + 1} must be integer number but got floating-point number");
        return v;
    }

    public static RegoArray Arr(string fn, RegoValue[] a, int i) => a[i] as RegoArray ?? throw TypeError(fn, i, "array", a[i]);

    public static RegoObject Obj(string fn, RegoValue[] a, int i) => a[i] as RegoObject ?? throw TypeError(fn, i, "object", a[i]);

    public static RegoSet Set(string fn, RegoValue[] a, int i) => a[i] as RegoSet ?? throw TypeError(fn, i, "set", a[i]);

    public static bool Bool(string fn, RegoValue[] a, int i) => a[i] is RegoBool b ? b.Value : throw TypeError(fn, i, "boolean", a[i]);

    /// <summary>The elements of an array or set.</summary>
    public static IEnumerable<RegoValue> Elements(string fn, RegoValue[] a, int i) => a[i] switch
    {
        RegoArray arr => arr.Items,
        RegoSet set => set.Items,
        _ => throw TypeError(fn, i, "one of {array, set}", a[i]),
    };

    public static RegoValue S(string s) => new RegoString(s);

    public static RegoValue B(bool b) => b ? RegoBool.True : RegoBool.False;

    public static RegoValue N(long n) => RegoNumber.FromInteger(n);

    public static RegoValue N(double d) => RegoNumber.FromDouble(d);

    public static RegoArray A(IEnumerable<RegoValue> items) => new(items);

    public static RegoSet SetOf(IEnumerable<RegoValue> items) => new(items);
}
