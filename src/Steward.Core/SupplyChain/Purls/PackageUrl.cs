using System.Text;

namespace Steward.Core.SupplyChain.Purls;

/// <summary>
/// A package URL (https://github.com/package-url/purl-spec, PURL-SPECIFICATION.rst):
/// <c>pkg:type/namespace/name@version?qualifiers#subpath</c>, parsed as the specification's
/// "How to parse a purl string in its components" says, with the type-specific name
/// normalisations of PURL-TYPES.rst that matter for matching (pypi, github, bitbucket).
/// </summary>
public sealed record PackageUrl(
    string Type,
    string? Namespace,
    string Name,
    string? Version,
    IReadOnlyDictionary<string, string> Qualifiers,
    string? Subpath)
{
    /// <summary>Parses a purl.</summary>
    /// <exception cref="FormatException">Not a purl.</exception>
    public static PackageUrl Parse(string purl)
    {
        var rest = purl.Trim();
        string? subpath = null;
        var hash = rest.IndexOf('#');
        if (hash >= 0)
        {
            subpath = string.Join('/', rest[(hash + 1)..].Split('/', StringSplitOptions.RemoveEmptyEntries)
                .Where(s => s is not "." and not "..").Select(Decode));
            rest = rest[..hash];
        }

        var qualifiers = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var question = rest.IndexOf('?');
        if (question >= 0)
        {
            foreach (var pair in rest[(question + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                var eq = pair.IndexOf('=');
                if (eq <= 0) throw new FormatException($"'{purl}': qualifier '{pair}' is not key=value.");
                var value = Decode(pair[(eq + 1)..]);
                if (value.Length > 0) qualifiers[pair[..eq].ToLowerInvariant()] = value;
            }
            rest = rest[..question];
        }

        if (!rest.StartsWith("pkg:", StringComparison.OrdinalIgnoreCase))
            throw new FormatException($"'{purl}' is not a package URL (it must start with 'pkg:').");
        rest = rest[4..].TrimStart('/');

        var slash = rest.IndexOf('/');
        if (slash <= 0) throw new FormatException($"'{purl}': a package URL needs a type and a name.");
        var type = rest[..slash].ToLowerInvariant();
        rest = rest[(slash + 1)..].TrimEnd('/');

        string? version = null;
        // The version follows the last '@' after the last '/' (an unencoded npm scope "@x/" is not a version).
        var at = rest.LastIndexOf('@');
        if (at >= 0 && at > rest.LastIndexOf('/'))
        {
            version = Decode(rest[(at + 1)..]);
            rest = rest[..at];
        }

        var segments = rest.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Decode).ToArray();
        if (segments.Length == 0 || segments[^1].Length == 0)
            throw new FormatException($"'{purl}': the package name is missing.");
        var name = segments[^1];
        var ns = segments.Length > 1 ? string.Join('/', segments[..^1]) : null;

        (ns, name) = NormaliseForType(type, ns, name);
        return new PackageUrl(type, ns, name, string.IsNullOrEmpty(version) ? null : version, qualifiers, string.IsNullOrEmpty(subpath) ? null : subpath);
    }

    /// <summary>Like <see cref="Parse"/>, without throwing.</summary>
    public static bool TryParse(string purl, out PackageUrl? result)
    {
        try
        {
            result = Parse(purl);
            return true;
        }
        catch (FormatException)
        {
            result = null;
            return false;
        }
    }

    private static (string?, string) NormaliseForType(string type, string? ns, string name) => type switch
    {
        // PURL-TYPES: pypi names are lower-cased and '_' is replaced by '-'.
        "pypi" => (ns, name.ToLowerInvariant().Replace('_', '-')),
        // github and bitbucket are case-insensitive: namespace and name are lower-cased.
        "github" or "bitbucket" => (ns?.ToLowerInvariant(), name.ToLowerInvariant()),
        _ => (ns, name),
    };

    private static string Decode(string s)
    {
        try
        {
            return Uri.UnescapeDataString(s);
        }
        catch (UriFormatException)
        {
            return s;
        }
    }

    public override string ToString()
    {
        var sb = new StringBuilder("pkg:").Append(Type).Append('/');
        if (Namespace is not null)
            sb.AppendJoin('/', Namespace.Split('/').Select(Uri.EscapeDataString)).Append('/');
        sb.Append(Uri.EscapeDataString(Name));
        if (Version is not null) sb.Append('@').Append(Uri.EscapeDataString(Version));
        if (Qualifiers.Count > 0)
            sb.Append('?').AppendJoin('&', Qualifiers.Select(q => q.Key + "=" + Uri.EscapeDataString(q.Value)));
        if (Subpath is not null) sb.Append('#').Append(Subpath);
        return sb.ToString();
    }
}
