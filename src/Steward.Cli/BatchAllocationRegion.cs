using System.Runtime;

namespace Steward.Cli;

/// <summary>
/// A short batch command (<c>policy eval</c> over a large input) run without garbage collections up
/// to a budget. Such a command decodes its whole input into objects that all stay alive until it
/// exits, so every collection it triggers only copies them (gen0 to gen1 to gen2) and frees almost
/// nothing: over 20,000 Deployments that was four blocking collections and 50–90 ms of the
/// process's 0.3 s of decoding (docs/benchmarks.md). The budget bounds what the heap may grow by
/// meanwhile; past it the runtime collects again as usual. Best effort: where the runtime refuses
/// the region (another one open, too large for the heap's limits) the command runs as before.
/// The heap is also advised to use huge pages (<see cref="HugePageHeap"/>): the budget is memory
/// touched for the first time, page by page.
/// </summary>
internal sealed class BatchAllocationRegion : IDisposable
{
    /// <summary>
    /// Bytes the command may allocate before collections resume: a 12.8 MB input decodes into
    /// ≈ 50 MB and its evaluation allocates ≈ 45 MB more, so inputs of that size run with none; a
    /// check of 5,000 objects allocates ≈ 250 MB in all. The most the heap grows by before the first
    /// collection, whatever the input's size: memory stays bounded.
    /// </summary>
    public const long DefaultBudget = 256L << 20;

    // Commands of one process (the tests run many at once) open and close regions one at a time.
    private static readonly Lock Gate = new();

    private readonly bool _started;

    private BatchAllocationRegion(bool started) => _started = started;

    /// <summary>
    /// Set by the program's entry point: this process runs one command and exits. Only then do
    /// commands pause collections: in a process that runs many (the tests run commands in process,
    /// in parallel) a region would pause them for everything else too, and opening one starts with a
    /// blocking collection of that whole heap.
    /// </summary>
    public static bool ProcessRunsOneCommand { get; set; }

    /// <summary>A region for a batch command (<see cref="Open"/>) when <see cref="ProcessRunsOneCommand"/>; otherwise nothing changes.</summary>
    public static BatchAllocationRegion ForCommand() => ProcessRunsOneCommand ? Open() : new BatchAllocationRegion(false);

    /// <summary>Opens a region of <paramref name="budget"/> bytes, if the runtime allows it.</summary>
    public static BatchAllocationRegion Open(long budget = DefaultBudget)
    {
        // Before the region commits its memory: the pages of the budget are first touched huge.
        HugePageHeap.Advise();
        lock (Gate)
        {
            // Asking again while a region is open does not fail: the runtime ends the open one.
            if (IsOpen) return new BatchAllocationRegion(false);
            try
            {
                return new BatchAllocationRegion(GC.TryStartNoGCRegion(budget));
            }
            catch (Exception e) when (e is InvalidOperationException or ArgumentOutOfRangeException)
            {
                // A region opened meanwhile by other code, or a budget the heap cannot give.
                return new BatchAllocationRegion(false);
            }
        }
    }


    /// <summary>Whether collections are paused now: false once the budget is spent, or when the region was refused.</summary>
    public static bool IsOpen => GCSettings.LatencyMode == GCLatencyMode.NoGCRegion;

    public void Dispose()
    {
        if (!_started) return;
        lock (Gate)
        {
            if (!IsOpen) return;
            try
            {
                GC.EndNoGCRegion();
            }
            catch (InvalidOperationException)
            {
                // The region ended on its own meanwhile (budget spent, a collection induced): nothing to end.
            }
        }
    }
}
