using Steward.Core.Alignment.Ingest;
using Steward.Core.Application.Costs;
using Steward.Core.FinOps;
using Steward.Core.FinOps.Tokens;
using Steward.Core.Findings;
using Steward.Core.Governance;
using Steward.Core.Policy;
using Steward.Core.Storage;

namespace Steward.Core.Application.Check;

/// <summary>
/// <c>steward check --store</c>: the cost-per-token findings of the store's token economics
/// (<see cref="TokenCostService"/>, whole store, no date bounds) for the ModelVersions that declare a token price,
/// so that CI fails on a model whose tokens cost more than its catalog says, as it does on a monitor breach.
/// </summary>
public static class TokenCostCheck
{
    public static IReadOnlyList<Finding> Read(GovernanceRepository repository, string storePath)
    {
        if (!repository.Models.Any(m => m.TokenPrices is not null)) return [];
        using var store = Stores.OpenExisting(storePath, $"create it with `steward cost import` or `steward ingest inferences`, or leave out --store", AlignmentSchema.Module);
        // A store with no cost data (only monitor results) has no token cost to judge.
        if (store.SchemaVersion(FinOpsSchema.ModuleName) == 0) return [];
        return TokenCostService.Run(store, repository).Findings;
    }
}
