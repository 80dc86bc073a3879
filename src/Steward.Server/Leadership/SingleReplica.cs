namespace Steward.Server.Leadership;

/// <summary><c>--no-leader-election</c>: the only replica always leads.</summary>
public sealed class SingleReplica(string identity) : ILeadership
{
    public string Identity { get; } = identity;

    public bool IsLeader => true;

    public Task<CancellationToken> AcquireAsync(CancellationToken stopping) => Task.FromResult(stopping);
}
