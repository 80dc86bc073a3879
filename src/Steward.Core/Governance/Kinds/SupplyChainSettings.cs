using System.Globalization;
using Steward.Core.Governance.Yaml;

namespace Steward.Core.Governance.Kinds;

/// <summary>A vulnerability accepted for a while: its id (or alias), why, and until when.</summary>
/// <param name="Id">The OSV id or an alias (CVE-..., GHSA-...).</param>
/// <param name="Reason">Why it is accepted (required).</param>
/// <param name="Expires">The last day it applies (required); from the next day on, it no longer applies.</param>
/// <param name="Location">Where it is written in steward.yaml.</param>
public sealed record VulnerabilityIgnore(string Id, string Reason, DateOnly Expires, SourceLocation Location);

/// <summary>steward.yaml <c>supplyChain</c>: signatures and vulnerability scanning. Every field has a default.</summary>
public sealed record SupplyChainSettings
{
    public static readonly string[] FailOnLevels = ["any", "low", "medium", "high", "critical"];

    public static SupplyChainSettings Default { get; } = new();

    /// <summary>Whether every ModelVersion with a reachable artifact must carry a valid signature (rule artifact-signature).</summary>
    public bool RequireSignatures { get; init; }

    /// <summary>Public keys (PEM files, relative to the repository) a signature may verify with.</summary>
    public IReadOnlyList<string> TrustedKeys { get; init; } = [];

    /// <summary>OSV records: a folder or a .zip, relative to the repository or absolute; null turns the vulnerability rule off.</summary>
    public string? OsvDatabase { get; init; }

    /// <summary>Lowest severity that is an error (any, low, medium, high, critical); lower ones are warnings.</summary>
    public string FailOn { get; init; } = "high";

    public IReadOnlyList<VulnerabilityIgnore> Ignore { get; init; } = [];

    public SourceLocation? Location { get; init; }

    public static SupplyChainSettings Parse(NodeReader? reader)
    {
        if (reader is null) return Default;
        var failOn = reader.String("failOn") ?? "high";
        if (!FailOnLevels.Contains(failOn, StringComparer.Ordinal))
            throw reader.Error(reader.Get("failOn")!, reader.FieldPath("failOn"), $"unknown level \"{failOn}\" ({string.Join(", ", FailOnLevels)})");
        var settings = new SupplyChainSettings
        {
            Location = reader.Location,
            RequireSignatures = reader.Boolean("requireSignatures") ?? false,
            TrustedKeys = reader.StringList("trustedKeys"),
            OsvDatabase = reader.String("osvDatabase"),
            FailOn = failOn,
            Ignore = ParseIgnores(reader),
        };
        if (settings.RequireSignatures && settings.TrustedKeys.Count == 0)
            throw reader.Error(reader.Get("requireSignatures")!, reader.FieldPath("requireSignatures"), "requireSignatures needs at least one key in trustedKeys");
        return settings;
    }

    private static List<VulnerabilityIgnore> ParseIgnores(NodeReader reader)
    {
        var items = reader.Sequence("ignore");
        var result = new List<VulnerabilityIgnore>();
        for (var i = 0; i < items.Count; i++)
        {
            var item = reader.Child(items[i], $"ignore[{i}]");
            var id = item.String("id", required: true)!;
            var reason = item.String("reason", required: true)!;
            if (string.IsNullOrWhiteSpace(reason))
                throw item.Error(item.Get("reason")!, item.FieldPath("reason"), "an ignore needs a reason");
            var expiresText = item.String("expires", required: true)!;
            if (!DateOnly.TryParseExact(expiresText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var expires))
                throw item.Error(item.Get("expires")!, item.FieldPath("expires"), $"expected a date YYYY-MM-DD, got \"{expiresText}\"");
            result.Add(new VulnerabilityIgnore(id, reason, expires, item.Location));
        }
        return result;
    }
}
