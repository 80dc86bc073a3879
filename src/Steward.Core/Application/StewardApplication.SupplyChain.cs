using Steward.Core.Application.SupplyChain;

namespace Steward.Core.Application;

/// <summary>The supply-chain use cases that hold logic beyond reading and rendering: ML-BOMs and vulnerability scans.</summary>
public sealed partial class StewardApplication
{
    public SbomService Sbom { get; } = new();

    public VulnerabilityScanService Vulnerabilities { get; } = new();
}
