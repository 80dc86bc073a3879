namespace Steward.Server.Loop;

/// <summary>
/// Wakes the control loop before its interval ends: a Git push hook asks for a run at once. Requests
/// that arrive while a run is pending are one request (a burst of pushes is one run).
/// </summary>
public sealed class LoopTrigger : IDisposable
{
    private readonly SemaphoreSlim _requested = new(0, 1);
    private volatile string _reason = "interval";

    /// <summary>Asks for a run now; <paramref name="reason"/> becomes the run's trigger (e.g. <c>hook</c>).</summary>
    public void Request(string reason)
    {
        _reason = reason;
        try
        {
            _requested.Release();
        }
        catch (SemaphoreFullException)
        {
            // A run is already pending: this request joins it.
        }
    }

    /// <summary>Waits for a request or the end of <paramref name="interval"/>; answers the trigger (<c>interval</c> when none came).</summary>
    public async Task<string> WaitAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        if (!await _requested.WaitAsync(interval, cancellationToken).ConfigureAwait(false)) return "interval";
        var reason = _reason;
        _reason = "interval";
        return reason;
    }

    public void Dispose() => _requested.Dispose();
}
