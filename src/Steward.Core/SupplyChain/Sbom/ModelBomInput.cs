namespace Steward.Core.SupplyChain.Sbom;

/// <summary>
/// What an ML-BOM says about one model version. A plain record so that the governance loader's
/// ModelVersion (or anything else) can be mapped onto it without this folder depending on it.
/// </summary>
public sealed record ModelBomInput
{
    public required string Name { get; init; }
    public required string Version { get; init; }

    /// <summary>An SPDX license expression ("Apache-2.0", "MIT OR Apache-2.0").</summary>
    public string? License { get; init; }

    /// <summary>The owning team or organisation (CycloneDX manufacturer).</summary>
    public string? Owner { get; init; }

    public string? Description { get; init; }

    /// <summary>The artifact digest (<see cref="Artifacts.ArtifactDigest"/> or the file's SHA-256), 64 hex digits.</summary>
    public string? ArtifactSha256 { get; init; }

    /// <summary>Where the artifact is distributed (an s3://, https:// or oci:// URI).</summary>
    public string? ArtifactUri { get; init; }

    /// <summary>The model this one was fine-tuned from, "name" or "name@version".</summary>
    public string? BaseModel { get; init; }

    public IReadOnlyList<DatasetReference> Datasets { get; init; } = [];

    public IReadOnlyList<ModelMetric> Metrics { get; init; } = [];

    /// <summary>When set, written as metadata.timestamp; left out by default so the output is reproducible.</summary>
    public DateTimeOffset? Timestamp { get; init; }
}

/// <summary>A dataset the model was trained or evaluated on.</summary>
public sealed record DatasetReference(string Name, string? Version = null, string? Url = null)
{
    /// <summary>The dataset's SHA-256, when the catalog records it (64 hex digits).</summary>
    public string? Sha256 { get; init; }
}

/// <summary>An evaluation result ("accuracy" 0.91 on slice "all").</summary>
public sealed record ModelMetric(string Type, double Value, string? Slice = null);
