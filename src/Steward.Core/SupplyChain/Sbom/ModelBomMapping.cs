using Steward.Core.Governance.Kinds;

namespace Steward.Core.SupplyChain.Sbom;

/// <summary>Maps a catalog ModelVersion onto what an ML-BOM says about it.</summary>
public static class ModelBomMapping
{
    /// <summary>
    /// Name, version, owner, license, artifact (sha256 without a "sha256:" prefix, uri), base model,
    /// datasets (name, sha256 as version-less reference with the uri) and the numeric evaluation results
    /// as metrics, sorted by name.
    /// </summary>
    public static ModelBomInput From(ModelVersion model) => new()
    {
        Name = model.Model,
        Version = model.Version,
        Owner = model.Owner,
        License = model.License,
        ArtifactSha256 = model.ArtifactSha256 is { } sha ? Checks.ArtifactLocator.NormaliseSha256(sha) : null,
        ArtifactUri = model.ArtifactUri,
        BaseModel = model.BaseModel,
        Datasets = model.Datasets.Select(d => new DatasetReference(d.Name, null, d.Uri) { Sha256 = d.Sha256 }).ToList(),
        Metrics = model.Evaluation.Select(e => new ModelMetric(e.Key, (double)e.Value)).ToList(),
    };
}
