using Steward.Core.Application.Audit;
using Steward.Core.Application.Check;
using Steward.Core.Application.LiveDiff;
using Steward.Core.Application.Policies;
using Steward.Core.Application.Remediation;

namespace Steward.Core.Application;

/// <summary>The governance use cases: check, remediation, audit, policy eval/test and the live diff.</summary>
public sealed partial class StewardApplication
{
    private AuditService? _audit;
    private CheckService? _check;
    private RemediationService? _remediation;
    private PolicyService? _policies;
    private LiveDiffService? _liveDiff;
    private PolicyExplainService? _explain;

    /// <summary>
    /// Where the Ed25519 private key (PEM) that signs new audit entries is, asked each time a log is
    /// opened; by default the file named by <c>STEWARD_AUDIT_KEY</c>.
    /// </summary>
    public Func<string?> AuditSigningKeyPath { get; init; } = AuditService.SigningKeyFromEnvironment;

    // Services hold no state of their own: a second instance made by a racing first use is harmless.
    public AuditService Audit => _audit ??= new AuditService(Options.Clock, AuditSigningKeyPath);

    public CheckService Check => _check ??= new CheckService(Options, Audit);

    public RemediationService Remediation => _remediation ??= new RemediationService(Check, Audit);

    public PolicyService Policies => _policies ??= new PolicyService();

    public LiveDiffService LiveDiff => _liveDiff ??= new LiveDiffService();

    public PolicyExplainService PolicyExplain => _explain ??= new PolicyExplainService(Check, Options.Clock);
}
