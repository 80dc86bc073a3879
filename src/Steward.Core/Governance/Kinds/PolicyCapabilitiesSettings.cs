using Steward.Core.Governance.Yaml;
using Steward.Rego;

namespace Steward.Core.Governance.Kinds;

/// <summary>
/// steward.yaml <c>policies.capabilities</c>: which builtins the repository's policies may call
/// (OPA's --capabilities). By default every builtin but the network ones: a policy calling
/// http.send fails at compile time instead of silently getting nothing.
/// </summary>
public sealed record PolicyCapabilitiesSettings
{
    public static PolicyCapabilitiesSettings Default { get; } = new();

    /// <summary>Keep http.send and net.lookup_ip_addr defined (they still never open a connection).</summary>
    public bool AllowNetwork { get; init; }

    /// <summary>When set, only these builtins (names or groups) exist.</summary>
    public IReadOnlyList<string>? Allow { get; init; }

    /// <summary>Builtins (names or groups: network, clock, environment, randomness) that do not exist.</summary>
    public IReadOnlyList<string> Deny { get; init; } = [];

    public RegoCapabilities ToCapabilities() =>
        new(Allow, AllowNetwork ? Deny : [.. Deny, "network"]);

    public static PolicyCapabilitiesSettings Parse(NodeReader? reader)
    {
        if (reader is null) return Default;
        var settings = new PolicyCapabilitiesSettings
        {
            AllowNetwork = reader.Boolean("allowNetwork") ?? false,
            Allow = reader.Has("allow") ? reader.StringList("allow") : null,
            Deny = reader.StringList("deny"),
        };
        foreach (var key in new[] { "allow", "deny" })
        {
            var names = reader.StringList(key);
            for (var i = 0; i < names.Count; i++)
            {
                try { _ = new RegoCapabilities(deny: [names[i]]); }
                catch (ArgumentException e) { throw reader.Error(reader.Sequence(key)[i], $"{reader.FieldPath(key)}[{i}]", e.Message); }
            }
        }
        return settings;
    }
}
