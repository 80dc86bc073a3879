using Steward.Core.Storage;

namespace Steward.Core.Application.Ingestion;

/// <summary>
/// The one writer of a store in this process: the ingestion API's batches and the control loop's writes
/// (its audit entries, remediation records) take turns here instead of meeting on the store.
/// On DuckDB, which has a single writer per file, one write runs at a time; on PostgreSQL a few run at
/// once, each on its own connection, and the store's locks order them (the same locks order the writes of
/// other replicas). The queue of API batches is bounded: a batch that finds it full is told to retry
/// (<see cref="StoreBusyException"/>, HTTP 429) rather than waiting without end. The store is opened for
/// each write and closed after it, so that between writes other processes (the CLI's imports,
/// `steward monitor run`) can use a DuckDB file; one that holds it while a batch arrives makes the batch busy too.
/// </summary>
public sealed class StoreWriter
{
    /// <summary>Writes to a PostgreSQL store that run at once in this process (each on its own connection).</summary>
    public const int PostgresTurns = 4;

    // One per store in the process: DuckDB (and DuckDB.NET's connection cache) has one writer per
    // file and process, so every service of the process that writes the file must queue at one writer.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, StoreWriter> Writers = new(StringComparer.Ordinal);

    private readonly SemaphoreSlim turn;

    // Whether the current flow of work holds a turn already (Turn): its own writes then run in that turn
    // instead of waiting for a second one, which on DuckDB would never come.
    private readonly AsyncLocal<bool> holding = new();
    private readonly string address;
    private readonly IngestionLimits limits;
    private int queued;

    private StoreWriter(string address, IngestionLimits limits)
    {
        this.address = address;
        this.limits = limits;
        var turns = StoreAddress.IsPostgres(address) ? PostgresTurns : 1;
        turn = new SemaphoreSlim(turns, turns);
    }

    /// <summary>The writer of the store at <paramref name="address"/> (a DuckDB path or a PostgreSQL URL); the limits of the first call hold.</summary>
    public static StoreWriter For(string address, IngestionLimits? limits = null) =>
        Writers.GetOrAdd(Identity(address), key => new StoreWriter(key, limits ?? new IngestionLimits()));

    /// <summary>How the process names one store: a DuckDB file by its full path, a PostgreSQL store by its address.</summary>
    public static string Identity(string address) => StoreAddress.IsPostgres(address) ? address : Path.GetFullPath(address);

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
                // Off the request thread: the store's calls block.
                return await Task.Run(() =>
                {
                    using var store = OpenForBatch();
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
    /// Runs <paramref name="write"/> on the open store when its turn comes, then closes the store: the
    /// process's own writes (the control loop's, a command's audit entries), which wait for their turn
    /// rather than being refused. A store that cannot be opened is the caller's input error, as for any command.
    /// </summary>
    public T Write<T>(Func<IStewardStore, T> write)
    {
        using var _ = Turn();
        using var store = Stores.Open(address);
        return write(store);
    }

    /// <summary>
    /// Waits for a turn and holds it until disposed, for work that writes the store through services that
    /// open it themselves (a control-loop step: monitors, usage and cost imports). Writes of the same flow of
    /// work made meanwhile (<see cref="Write{T}"/>) run in this turn.
    /// </summary>
    public IDisposable Turn()
    {
        if (holding.Value)
            return Nothing.Instance;
        turn.Wait();
        holding.Value = true;
        return new Held(this);
    }

    /// <summary>Whether the current flow of work holds a turn of this writer.</summary>
    public bool HeldHere => holding.Value;

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

    private IStewardStore OpenForBatch()
    {
        try
        {
            return Stores.Open(address, IngestionSchema.Module);
        }
        catch (Exception ex) when (StoreLock.IsHeldElsewhere(ex))
        {
            throw new StoreBusyException("the store is locked by another process (DuckDB has one writer); retry later", limits.RetryAfter, ex);
        }
        catch (StewardInputException ex)
        {
            // The store, not the batch, is bad (or unreachable): a client error would tell the sender to change its data.
            throw new StoreUnavailableException(ex.Message, ex);
        }
    }

    private sealed class Held(StoreWriter writer) : IDisposable
    {
        private int disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) != 0) return;
            writer.holding.Value = false;
            writer.turn.Release();
        }
    }

    private sealed class Nothing : IDisposable
    {
        public static readonly Nothing Instance = new();

        public void Dispose() { }
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
