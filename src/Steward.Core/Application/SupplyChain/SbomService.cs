using Steward.Core.Governance;
using Steward.Core.SupplyChain.Sbom;

namespace Steward.Core.Application.SupplyChain;

/// <summary>Software bills of materials: a catalog model's ML-BOM, and reading CycloneDX and SPDX documents.</summary>
public sealed class SbomService
{
    /// <summary>The ML-BOM of the catalog model <paramref name="key"/> (MODEL@VERSION) as CycloneDX 1.6, or SPDX 3.0 when <paramref name="spdx"/>.</summary>
    /// <param name="repositoryFolder">The governance repository, read only once the key is well-formed.</param>
    /// <exception cref="StewardInputException">The key is not MODEL@VERSION, or names no model of the repository (the known ones are listed).</exception>
    public string ModelBom(string repositoryFolder, string key, bool spdx)
    {
        var (name, version) = SplitKey(key);
        var repository = RepositoryLoader.LoadFolder(repositoryFolder);
        var found = repository.FindModel(name, version);
        if (found is null)
        {
            var known = repository.Models.Where(m => m.Model == name).Select(m => m.Version).Order(StringComparer.Ordinal).ToList();
            throw new StewardInputException(known.Count > 0
                ? $"{key}: unknown version of {name} (known: {string.Join(", ", known)})"
                : $"{key}: unknown model (known: {string.Join(", ", repository.Models.Select(m => m.Key).Order(StringComparer.Ordinal))})");
        }
        var input = ModelBomMapping.From(found);
        return spdx ? Spdx3Writer.Write(input) : CycloneDxWriter.Write(input);
    }

    /// <summary>MODEL@VERSION split at its last @.</summary>
    private static (string Model, string Version) SplitKey(string key)
    {
        var at = key.LastIndexOf('@');
        if (at <= 0 || at == key.Length - 1)
            throw new StewardInputException($"{key}: expected MODEL@VERSION");
        return (key[..at], key[(at + 1)..]);
    }

    /// <summary>The components of a CycloneDX (1.4-1.6) or SPDX (2.3, 3.0) JSON document, as one list.</summary>
    public SbomDocument Read(string file) => SbomReader.Read(file);
}
