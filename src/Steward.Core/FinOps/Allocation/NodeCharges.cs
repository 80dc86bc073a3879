using Steward.Core.FinOps.Ledger;
using Steward.Core.Storage;

namespace Steward.Core.FinOps.Allocation;

/// <summary>
/// What the FOCUS bill charged for each node in each usage window: the BilledCost of the charges
/// whose <c>ResourceId</c> is the node's name, prorated by the overlap of the charge period with the window:
/// <code>charge(node, window) = Σ BilledCost × |charge ∩ window| / |charge|</code>
/// </summary>
public static class NodeCharges
{
    public static IReadOnlyDictionary<(string Node, DateTime Start), decimal> Load(IStewardStore store)
    {
        using var ledger = CostLedger.For(store);
        return ledger.NodeCharges();
    }
}
