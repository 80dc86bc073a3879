using Steward.Core.Application.Loop;

namespace Steward.Server.Loop;

/// <summary>The latest completed run of the control loop on this replica (GET /api/v1/loop); null before the first.</summary>
public sealed class LoopStatus
{
    private volatile LoopRunResult? _last;

    public LoopRunResult? Last
    {
        get => _last;
        set => _last = value;
    }
}
