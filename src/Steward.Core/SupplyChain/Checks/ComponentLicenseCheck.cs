using Steward.Core.Findings;
using Steward.Core.Governance;
using Steward.Core.Governance.Kinds;
using Steward.Core.Policy.Checks;
using Steward.Core.Policy.Licensing;
using Steward.Core.SupplyChain.Sbom;

namespace Steward.Core.SupplyChain.Checks;

/// <summary>
/// component-license: every component of a ModelVersion's SBOM (<c>spec.sbom</c>) is allowed by
/// the repository's license policy (<c>licenses.allowed</c> / <c>licenses.denied</c>, as model-license).
/// </summary>
public sealed class ComponentLicenseCheck : ICheck
{
    public RuleDescriptor Rule { get; } = new(SupplyChainFindings.ComponentLicenseRule, Severity.Error, Category.SupplyChain,
        "SBOM components have allowed licenses",
        "A model ships with its code and libraries; a copyleft or unapproved license in one of them binds the whole deployment.");

    public IEnumerable<Finding> Run(CheckContext context)
    {
        var settings = context.Repository.Settings;
        var policy = new LicensePolicy(settings.AllowedLicenses, settings.DeniedLicenses);
        if (policy.IsEmpty || context.Repository.Root is null) yield break; // files are read from the repository folder
        foreach (var model in ModelSboms.WithSbom(context.Repository))
        {
            var bom = ModelSboms.Read(context.Repository, model);
            var subject = Subjects.Of(model, model.SbomLocation);
            foreach (var component in bom.Components)
            {
                if (SupplyChainFindings.ComponentLicense(subject, component, policy) is not { } finding) continue;
                yield return finding with
                {
                    Severity = finding.Severity == Severity.Error ? Rule.DefaultSeverity : finding.Severity,
                    Message = $"ModelVersion {model.Key}: component {finding.Message}",
                };
            }
        }
    }
}

/// <summary>The SBOMs ModelVersions reference with spec.sbom.</summary>
public static class ModelSboms
{
    public static IEnumerable<ModelVersion> WithSbom(GovernanceRepository repository) =>
        repository.Models.Where(m => m.Sbom is not null)
            .OrderBy(m => m.Model, StringComparer.Ordinal).ThenBy(m => m.Version, StringComparer.Ordinal);

    /// <exception cref="StewardInputException">The file is missing or not an SBOM; names spec.sbom's location and the file.</exception>
    public static SbomDocument Read(GovernanceRepository repository, ModelVersion model)
    {
        var file = RepositoryFiles.Resolve(repository, model.Sbom!, model.SbomLocation, "spec.sbom");
        try
        {
            return SbomReader.Read(file);
        }
        catch (StewardInputException ex)
        {
            throw new StewardInputException($"{model.SbomLocation}: spec.sbom: {ex.Message}", ex);
        }
    }
}
