namespace Steward.Core.SupplyChain.Sbom;

/// <summary>
/// A component as every SBOM format describes it: what Steward's checks need (license,
/// vulnerability, digest), whatever format it came from.
/// </summary>
/// <param name="Name">The component name (CycloneDX name, SPDX package name).</param>
/// <param name="Group">CycloneDX group (Maven groupId, npm scope...), when set.</param>
/// <param name="Version">The version, when known.</param>
/// <param name="Purl">The package URL, when known.</param>
/// <param name="Type">CycloneDX type (library, machine-learning-model, data...) or SPDX element type.</param>
/// <param name="Licenses">SPDX license ids, names or expressions, sorted.</param>
/// <param name="Hashes">Digests by algorithm ("sha256", "sha512", "sha1", "md5", "sha3-256"...), lower-case hex.</param>
/// <param name="Ref">The bom-ref or SPDX id, for messages.</param>
public sealed record SbomComponent(
    string Name,
    string? Group,
    string? Version,
    string? Purl,
    string? Type,
    IReadOnlyList<string> Licenses,
    IReadOnlyDictionary<string, string> Hashes,
    string? Ref);

/// <summary>An SBOM read from a file: its format and its components, sorted.</summary>
/// <param name="Format">"CycloneDX 1.6", "SPDX 2.3", "SPDX 3.0"...</param>
/// <param name="Components">Sorted by name, version, purl.</param>
public sealed record SbomDocument(string Format, IReadOnlyList<SbomComponent> Components);

/// <summary>Hash algorithm names, normalised across formats.</summary>
public static class HashAlgorithms
{
    /// <summary>"SHA-256" (CycloneDX), "SHA256" (SPDX 2), "sha256" (SPDX 3) → "sha256"; "SHA3-256" → "sha3-256".</summary>
    public static string Normalise(string algorithm)
    {
        var a = algorithm.Trim().ToLowerInvariant();
        return a.StartsWith("sha-", StringComparison.Ordinal) ? "sha" + a[4..] : a;
    }
}
