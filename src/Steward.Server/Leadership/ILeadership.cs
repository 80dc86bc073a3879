namespace Steward.Server.Leadership;

/// <summary>
/// Which replica runs the control loop. Every replica serves the webhook, the API and the dashboard;
/// only the leader runs the loop (one actor: one remediation branch, one audit entry per step).
/// </summary>
public interface ILeadership
{
    /// <summary>This replica's identity (the pod name in Kubernetes, the host name elsewhere).</summary>
    string Identity { get; }

    bool IsLeader { get; }

    /// <summary>
    /// Waits until this replica leads. The token answered is cancelled when it stops leading (the
    /// lease lost, or shutdown): the loop stops its current run and waits here again.
    /// </summary>
    Task<CancellationToken> AcquireAsync(CancellationToken stopping);
}
