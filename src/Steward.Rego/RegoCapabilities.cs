namespace Steward.Rego;

/// <summary>
/// Which builtins policies may call, as OPA's --capabilities file: a builtin that is not allowed
/// does not exist for the compiler, so a policy calling it fails at compile time with
/// <c>rego_type_error: undefined function NAME</c>, as OPA reports it. Lists take builtin names
/// or the group names of <see cref="Groups"/>.
/// </summary>
public sealed class RegoCapabilities
{
    /// <summary>
    /// The builtins that reach outside the policy's input and data. The engine itself never opens
    /// a connection (http.send refuses every request, net.lookup_ip_addr answers IP literals
    /// only), but a policy that asks for the network, the clock, the process or randomness is not
    /// a pure function of the repository, and a deployment may want to refuse it outright.
    /// </summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Groups { get; } = new SortedDictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
    {
        ["network"] = ["http.send", "net.lookup_ip_addr"],
        ["clock"] = ["io.jwt.decode_verify", "time.now_ns"],
        ["environment"] = ["opa.runtime"],
        ["randomness"] = ["rand.intn", "uuid.rfc4122"],
    };

    private readonly HashSet<string>? _allow;
    private readonly HashSet<string> _deny;

    /// <param name="allow">When given, only these builtins (names or groups) exist.</param>
    /// <param name="deny">These builtins (names or groups) do not exist.</param>
    /// <exception cref="ArgumentException">A name that is neither a builtin nor a group.</exception>
    public RegoCapabilities(IEnumerable<string>? allow = null, IEnumerable<string>? deny = null)
    {
        _allow = allow is null ? null : Expand(allow);
        _deny = Expand(deny ?? []);
    }

    /// <summary>Every builtin except the network group: what Steward's check allows by default.</summary>
    public static RegoCapabilities NoNetwork { get; } = new(deny: ["network"]);

    public bool Allows(string builtin) => (_allow is null || _allow.Contains(builtin)) && !_deny.Contains(builtin);

    private static HashSet<string> Expand(IEnumerable<string> names)
    {
        var known = new HashSet<string>(RegoEngine.BuiltinNames, StringComparer.Ordinal);
        var result = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            if (Groups.TryGetValue(name, out var members)) result.UnionWith(members);
            else if (known.Contains(name)) result.Add(name);
            else throw new ArgumentException($"unknown builtin \"{name}\" (a builtin name, or one of {string.Join(", ", Groups.Keys)})");
        }
        return result;
    }
}
