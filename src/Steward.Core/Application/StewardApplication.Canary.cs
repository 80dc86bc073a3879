using Steward.Core.Application.Canary;

namespace Steward.Core.Application;

/// <summary>Canary analysis: Kayenta's judge over baseline and canary samples, and the rollback of a Failed canary.</summary>
public sealed partial class StewardApplication
{
    private CanaryRemediationService? _canaryRemediation;

    public CanaryJudgeService Canary { get; } = new();

    public CanaryRemediationService CanaryRemediation => _canaryRemediation ??= new CanaryRemediationService(Remediation);
}
