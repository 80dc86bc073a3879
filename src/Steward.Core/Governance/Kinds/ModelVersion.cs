using Steward.Core.Collections;
using System.Text.Json.Nodes;
using Steward.Core.Governance.Yaml;

namespace Steward.Core.Governance.Kinds;

/// <summary>A dataset a model was trained or evaluated on.</summary>
public sealed record DatasetRef(string Name, string? Sha256, string? Uri);

/// <summary>models/**.yaml: one version of a model in the catalog.</summary>
public sealed record ModelVersion
{
    public required RepositoryObject Object { get; init; }
    public required string Model { get; init; }
    public required string Version { get; init; }
    public string? Owner { get; init; }
    public string? License { get; init; }
    public SourceLocation LicenseLocation { get; init; }
    public string? ArtifactUri { get; init; }
    public string? ArtifactSha256 { get; init; }
    public SourceLocation ArtifactUriLocation { get; init; }
    public SourceLocation ArtifactSha256Location { get; init; }

    /// <summary>spec.artifact.signature: a DSSE envelope, relative to the repository.</summary>
    public string? ArtifactSignature { get; init; }
    public SourceLocation ArtifactSignatureLocation { get; init; }

    /// <summary>spec.sbom: a CycloneDX or SPDX JSON document of the model's components, relative to the repository.</summary>
    public string? Sbom { get; init; }
    public SourceLocation SbomLocation { get; init; }

    /// <summary>spec.provenance: an SLSA v1 provenance statement, relative to the repository.</summary>
    public string? Provenance { get; init; }
    public SourceLocation ProvenanceLocation { get; init; }
    public string? BaseModel { get; init; }
    public IReadOnlyList<DatasetRef> Datasets { get; init; } = [];

    /// <summary>Evaluation results by metric name (accuracy, fairness_score, ...).</summary>
    public IReadOnlyDictionary<string, decimal> Evaluation { get; init; } = OrdinalDictionary<decimal>.Empty;
    public IReadOnlyDictionary<string, SourceLocation> EvaluationLocations { get; init; } = OrdinalDictionary<SourceLocation>.Empty;
    public decimal? CostPerInferenceUsd { get; init; }

    /// <summary>spec.costPerMillionTokensUsd (all tokens) or its input/output split: the threshold of the cost-per-token rule.</summary>
    public TokenPrices? TokenPrices { get; init; }

    /// <summary>spec.family: the model family its self-hosted cost is compared in with API prices; the model's name by default.</summary>
    public string? Family { get; init; }

    /// <summary>The spec as JSON, as policies see it under data.steward.models[model][version].</summary>
    public required JsonObject Spec { get; init; }

    public string Key => $"{Model}@{Version}";

    public static ModelVersion Parse(RepositoryObject obj)
    {
        var spec = obj.Reader.Mapping("spec", required: true)!;
        var artifact = spec.Mapping("artifact");
        var evaluation = spec.Mapping("evaluation");
        var results = new OrdinalDictionary<decimal>.Builder();
        var locations = new OrdinalDictionary<SourceLocation>.Builder();
        if (evaluation is not null)
        {
            foreach (var (key, _) in evaluation.Entries())
            {
                // Evaluation results may nest (e.g. robustness: {...}); only numbers are thresholded.
                if (evaluation.Get(key) is YamlDotNet.RepresentationModel.YamlScalarNode)
                {
                    results[key] = evaluation.Number(key)!.Value;
                    locations[key] = evaluation.LocationOf(key);
                }
            }
        }

        var datasets = new List<DatasetRef>();
        var items = spec.Sequence("datasets");
        for (var i = 0; i < items.Count; i++)
        {
            var d = spec.Child(items[i], $"datasets[{i}]");
            datasets.Add(new DatasetRef(d.String("name", required: true)!, d.String("sha256"), d.String("uri")));
        }

        return new ModelVersion
        {
            Object = obj,
            Model = spec.String("model", required: true)!,
            Version = spec.String("version", required: true)!,
            Owner = spec.String("owner"),
            License = spec.String("license"),
            LicenseLocation = spec.LocationOf("license"),
            ArtifactUri = artifact?.String("uri"),
            ArtifactSha256 = artifact?.String("sha256"),
            ArtifactUriLocation = artifact?.LocationOf("uri") ?? spec.LocationOf("artifact"),
            ArtifactSha256Location = artifact?.LocationOf("sha256") ?? spec.LocationOf("artifact"),
            ArtifactSignature = artifact?.String("signature"),
            ArtifactSignatureLocation = artifact?.LocationOf("signature") ?? spec.LocationOf("artifact"),
            Sbom = spec.String("sbom"),
            SbomLocation = spec.LocationOf("sbom"),
            Provenance = spec.String("provenance"),
            ProvenanceLocation = spec.LocationOf("provenance"),
            BaseModel = spec.String("baseModel"),
            Datasets = datasets,
            Evaluation = results.ToDictionary(),
            EvaluationLocations = locations.ToDictionary(),
            CostPerInferenceUsd = spec.Number("costPerInferenceUsd"),
            TokenPrices = TokenPrices.Parse(spec),
            Family = spec.String("family"),
            Spec = (JsonObject)YamlScalars.ToJson(spec.Node)!,
        };
    }
}
