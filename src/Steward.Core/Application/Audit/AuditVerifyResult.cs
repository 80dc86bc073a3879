using Steward.Core.GitOps.Audit;

namespace Steward.Core.Application.Audit;

/// <summary>A verification, what was verified (the store or file as named), and the key id signatures were checked with.</summary>
public sealed record AuditVerifyResult(AuditVerification Verification, string Source, string? SignerKeyId);
