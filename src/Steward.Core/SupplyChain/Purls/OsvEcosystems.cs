namespace Steward.Core.SupplyChain.Purls;

/// <summary>
/// Maps a purl onto the package identity OSV uses: the ecosystem name of the OSV schema
/// ("Defined ecosystems") and the package name as that ecosystem spells it.
/// </summary>
public static class OsvEcosystems
{
    private static readonly Dictionary<string, string> ByPurlType = new(StringComparer.Ordinal)
    {
        ["pypi"] = "PyPI",
        ["npm"] = "npm",
        ["maven"] = "Maven",
        ["nuget"] = "NuGet",
        ["golang"] = "Go",
        ["cargo"] = "crates.io",
        ["gem"] = "RubyGems",
        ["composer"] = "Packagist",
        ["hex"] = "Hex",
        ["pub"] = "Pub",
        ["cran"] = "CRAN",
        ["swift"] = "SwiftURL",
        ["hackage"] = "Hackage",
    };

    /// <summary>The OSV (ecosystem, name) of a purl, or null when OSV has no ecosystem for its type.</summary>
    public static (string Ecosystem, string Name)? FromPurl(PackageUrl purl)
    {
        if (!ByPurlType.TryGetValue(purl.Type, out var ecosystem)) return null;
        var name = purl.Type switch
        {
            // Maven: groupId:artifactId.
            "maven" => purl.Namespace is null ? purl.Name : purl.Namespace + ":" + purl.Name,
            // npm scopes, Go module paths, Packagist vendors: joined with '/'.
            _ => purl.Namespace is null ? purl.Name : purl.Namespace + "/" + purl.Name,
        };
        return (ecosystem, name);
    }

    /// <summary>
    /// The key under which a package name is indexed, so that spellings an ecosystem treats as the
    /// same package meet: PyPI names per PEP 503 (lower case, runs of '-', '_', '.' become '-'),
    /// NuGet ids case-insensitively.
    /// </summary>
    public static string NameKey(string ecosystem, string name) => ecosystem switch
    {
        "PyPI" => NormalisePyPiName(name),
        "NuGet" => name.ToLowerInvariant(),
        _ => name,
    };

    private static string NormalisePyPiName(string name)
    {
        var sb = new System.Text.StringBuilder(name.Length);
        var lastWasSeparator = false;
        foreach (var c in name.ToLowerInvariant())
        {
            var separator = c is '-' or '_' or '.';
            if (separator && lastWasSeparator) continue;
            sb.Append(separator ? '-' : c);
            lastWasSeparator = separator;
        }
        return sb.ToString();
    }

    /// <summary>The OSV ecosystem without its release suffix ("Debian:12" → "Debian").</summary>
    public static string BaseEcosystem(string ecosystem)
    {
        var colon = ecosystem.IndexOf(':');
        return colon < 0 ? ecosystem : ecosystem[..colon];
    }
}
