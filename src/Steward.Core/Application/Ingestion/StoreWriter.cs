using Steward.Core.Storage;

namespace Steward.Core.Application.Ingestion;

/// <summary>
/// The one writer of a store in this process. DuckDB has a single writer per file, so batches take turns
/// here instead of failing on each other; the queue is bounded, and a batch that finds it full is told to
/// retry (<see cref="StoreBusyException"/>, HTTP 429) rather than waiting without end. The store is opened
/// for each batch and closed after it, so that between batches other processes (the CLI's imports,
/// `steward monitor run`) can use the file; one that holds it while a batch arrives makes the batch busy too.
/// </summary>
public sealed class StoreWriter
{
    // One per store file in the process: DuckDB (and DuckDB.NET's connection cache) has one writer per
    // file and process, so every service of the process that writes the file must queue at one writer.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, StoreWriter> Writers = new(StringComparer.Ordinal);

    private readonly SemaphoreSlim turn = new(1, 1);
    private readonly string path;
    private readonly IngestionLimits limits;
    private int queued;

    private StoreWriter(string path, IngestionLimits limits)
    {
        this.path = path;
        this.limits = limits;
    }

    /// <summary>The writer of the store at <paramref name="path"/>; the limits of the first call hold.</summary>
    public static StoreWriter For(string path, IngestionLimits? limits = null) =>
        Writers.GetOrAdd(Path.GetFullPath(path), full => new StoreWriter(full, limits ?? new IngestionLimits()));

    /// <summary>Batches writing or waiting now.</summary>
    public int Queued => Volatile.Read(ref queued);

    /// <summary>Runs <paramref name="write"/> on the open store when its turn comes, then closes the store.</summary>
    public async Task<T> WriteAsync<T>(Func<IStewardStore, T> write, CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref queued) > limits.WriteQueueCapacity)
        {
            Interlocked.Decrement(ref queued);
            throw new StoreBusyException($"the store's write queue is full ({limits.WriteQueueCapacity} batches); retry later", limits.RetryAfter);
        }
        try
        {
            await turn.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                // Off the request thread: DuckDB's calls block.
                return await Task.Run(() =>
                {
                    using var store = Open();
                    return write(store);
                }, CancellationToken.None).ConfigureAwait(false);
            }
            finally
            {
                turn.Release();
            }
        }
        finally
        {
            Interlocked.Decrement(ref queued);
        }
    }

    /// <summary>
    /// Takes the writer's turn (and one queue place) until disposed, as a long batch would, so that
    /// queued and refused batches can be observed without timing.
    /// </summary>
    public async Task<IDisposable> HoldAsync()
    {
        Interlocked.Increment(ref queued);
        await turn.WaitAsync().ConfigureAwait(false);
        return new Hold(this);
    }

    private StewardStore Open()
    {
        try
        {
            return StewardStore.Open(path, IngestionSchema.Module);
        }
        catch (Exception ex) when (StoreLock.IsHeldElsewhere(ex))
        {
            throw new StoreBusyException("the store is locked by another process (DuckDB has one writer); retry later", limits.RetryAfter, ex);
        }
        catch (StewardInputException ex)
        {
            // The store, not the batch, is bad: a client error would tell the sender to change its data.
            throw new StoreUnavailableException(ex.Message, ex);
        }
    }

    private sealed class Hold(StoreWriter writer) : IDisposable
    {
        private int disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) != 0) return;
            writer.turn.Release();
            Interlocked.Decrement(ref writer.queued);
        }
    }
}
