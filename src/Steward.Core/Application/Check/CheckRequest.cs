using Steward.Core.Governance;

namespace Steward.Core.Application.Check;

/// <summary>What <c>steward check</c> is asked: which repository (a folder or a Git revision of it), against what.</summary>
public sealed record CheckRequest
{
    /// <summary>The repository folder (with <see cref="Revision"/>, any folder inside a Git work tree).</summary>
    public required string Folder { get; init; }

    /// <summary>Check this Git revision (<c>--rev</c>), read from the object store; null: the folder as it is.</summary>
    public string? Revision { get; init; }

    /// <summary>Compare the cost of the desired state with this revision (<c>--base</c>).</summary>
    public string? BaseRevision { get; init; }

    /// <summary>Rendered manifests checked with the repository (<c>--manifests</c>), already read.</summary>
    public IReadOnlyList<RenderedManifests> Rendered { get; init; } = [];

    public CheckInputs Inputs { get; init; } = CheckInputs.None;

    /// <summary>Append the verdict and the findings to the audit log of this store (<c>--audit</c>); null: no audit.</summary>
    public string? AuditStore { get; init; }
}
