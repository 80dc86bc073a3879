using Steward.Core.GitOps.Audit;

namespace Steward.Core.Application.Audit;

/// <summary>An audit log as exported: its entries and its signed head (null for a log written before heads).</summary>
public sealed record AuditExport(IReadOnlyList<AuditEntry> Entries, AuditHead? Head);
