using Steward.Core.Findings;
using Steward.Core.Governance;
using Steward.Core.Governance.Kinds;
using Steward.Core.Policy.Checks;
using Steward.Core.SupplyChain.Provenance;

namespace Steward.Core.SupplyChain.Checks;

/// <summary>
/// provenance: a ModelVersion's SLSA v1 provenance statement (<c>spec.provenance</c>) names the
/// artifact the catalog records: one of its subjects has <c>spec.artifact.sha256</c>.
/// </summary>
public sealed class ProvenanceCheck : ICheck
{
    public const string RuleId = "provenance";

    public RuleDescriptor Rule { get; } = new(RuleId, Severity.Error, Category.SupplyChain,
        "Provenance describes the recorded artifact",
        "Provenance says which builder made an artifact from which source and data; it is evidence only for the artifact whose digest it names.");

    public IEnumerable<Finding> Run(CheckContext context)
    {
        if (context.Repository.Root is null) yield break; // files are read from the repository folder
        foreach (var model in context.Repository.Models.Where(m => m.Provenance is not null)
                     .OrderBy(m => m.Model, StringComparer.Ordinal).ThenBy(m => m.Version, StringComparer.Ordinal))
        {
            var provenance = ModelProvenance.Read(context.Repository, model);
            var digests = provenance.Subjects.Select(s => s.Sha256).OfType<string>().Distinct().Order(StringComparer.Ordinal).ToList();
            if (model.ArtifactSha256 is not { } recorded)
            {
                yield return Create(model, model.ProvenanceLocation,
                    $"ModelVersion {model.Key}: provenance {model.Provenance} cannot be matched: spec.artifact.sha256 is missing", null, digests);
                continue;
            }
            var expected = ArtifactLocator.NormaliseSha256(recorded);
            if (digests.Contains(expected)) continue;
            yield return Create(model, model.ArtifactSha256Location,
                $"ModelVersion {model.Key}: provenance {model.Provenance} is for sha256 {(digests.Count == 0 ? "(none)" : string.Join(", ", digests))}, the catalog records {expected}",
                expected, digests);
        }
    }

    private Finding Create(ModelVersion model, SourceLocation at, string message, string? expected, IReadOnlyList<string> digests) => new()
    {
        RuleId = Rule.Id,
        Severity = Rule.DefaultSeverity,
        Category = Rule.Category,
        Subject = Subjects.Of(model, at),
        Message = message,
        Evidence = new SortedDictionary<string, object?>(StringComparer.Ordinal)
        {
            ["provenance"] = model.Provenance,
            ["expected_sha256"] = expected,
            ["subject_sha256"] = string.Join(",", digests),
        },
        SuggestedAction = "Reference the provenance the build produced for this artifact, or record the artifact it describes.",
    };
}

/// <summary>The provenance statements ModelVersions reference with spec.provenance.</summary>
public static class ModelProvenance
{
    /// <exception cref="StewardInputException">Missing or malformed; names spec.provenance's location and the file.</exception>
    public static SlsaProvenance Read(GovernanceRepository repository, ModelVersion model)
    {
        var file = RepositoryFiles.Resolve(repository, model.Provenance!, model.ProvenanceLocation, "spec.provenance");
        try
        {
            return SlsaProvenance.Read(file);
        }
        catch (StewardInputException ex)
        {
            throw new StewardInputException($"{model.ProvenanceLocation}: spec.provenance: {ex.Message}", ex);
        }
    }
}
