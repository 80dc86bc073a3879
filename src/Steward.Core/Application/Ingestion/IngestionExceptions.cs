namespace Steward.Core.Application.Ingestion;

/// <summary>The body is larger than the kind's limit (HTTP 413); nothing was stored.</summary>
public sealed class BodyTooLargeException(long limit)
    : StewardInputException($"request body: larger than the limit of {limit} bytes; nothing was stored")
{
    public long Limit { get; } = limit;
}

/// <summary>
/// The store cannot take the batch now (HTTP 429): another process holds its write lock, or the
/// in-process write queue is full. Nothing was stored; the same batch may be sent again after <see cref="RetryAfter"/>.
/// </summary>
public sealed class StoreBusyException(string message, TimeSpan retryAfter, Exception? inner = null) : Exception(message, inner)
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}

/// <summary>An idempotency key reused for a different batch (HTTP 422); nothing was stored.</summary>
public sealed class IdempotencyKeyReusedException(string message) : StewardInputException(message);

/// <summary>The server's store cannot be opened (damaged, unwritable, a newer schema): the server's problem, not the batch's (HTTP 503).</summary>
public sealed class StoreUnavailableException(string message, Exception inner) : Exception(message, inner);
