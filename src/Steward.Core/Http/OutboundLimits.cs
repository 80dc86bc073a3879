namespace Steward.Core.Http;

/// <summary>
/// The bounds of every call Steward makes to a service outside (a forge's API, a notification
/// webhook): each attempt has a deadline, an answer has a size cap, and only transient failures
/// (429, 5xx, a lost connection, a timeout) are retried, a bounded number of times.
/// </summary>
public sealed record OutboundLimits
{
    public static readonly OutboundLimits Default = new();

    /// <summary>The deadline of one attempt, from sending the request to the last byte of the answer.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The largest answer read; a larger one is a failure (an API answer Steward reads is a few KiB).</summary>
    public long MaxResponseBytes { get; init; } = 1024 * 1024;

    /// <summary>Retries after the first attempt (at least 1).</summary>
    public int MaxRetries { get; init; } = 3;

    /// <summary>The first back-off after a 5xx or a lost connection; it doubles with each retry (with jitter).</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The longest wait before a retry. A Retry-After beyond it is not waited for: the call fails at
    /// once with the time the service named (a loop run must not hang for an hour on a rate limit).
    /// </summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(60);
}
