using Steward.Core.Findings;

namespace Steward.Core.FinOps.Tokens;

/// <summary>
/// What <c>steward cost tokens</c> reports: per model version, team and source the tokens and their cost, and the
/// cost-per-token findings. <paramref name="From"/> and <paramref name="To"/> bound the inference log and usage read
/// (null: open); <paramref name="InferenceLog"/> says whether the store holds one at all.
/// </summary>
public sealed record TokenCostReport(DateTime? From, DateTime? To, string Currency, bool InferenceLog, IReadOnlyList<TokenCostRow> Rows)
{
    public IReadOnlyList<Finding> Findings => [.. Rows.Select(r => r.Finding).OfType<Finding>().Order(FindingOrder.Instance)];
}
