namespace Steward.Server.Leadership;

/// <summary>
/// How long a Lease is held, how long the leader keeps trying to renew it, and how often every
/// replica retries. The defaults are controller-runtime's (15 s / 10 s / 2 s): a crashed leader is
/// replaced after at most 15 s; a leader that cannot renew within 10 s stops acting before its lease
/// expires, so two replicas never run the loop at once. Not flags; tests shorten them.
/// </summary>
public sealed record LeaseTimings(TimeSpan LeaseDuration, TimeSpan RenewDeadline, TimeSpan RetryPeriod)
{
    public static LeaseTimings Default { get; } = new(TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(2));
}
