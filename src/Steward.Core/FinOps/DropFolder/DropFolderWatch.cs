namespace Steward.Core.FinOps.DropFolder;

/// <summary>
/// Runs scans of a drop folder until cancelled: after a file-system event (FileSystemWatcher, which
/// may miss events on network file systems and mounted buckets, hence also) every
/// <see cref="PollInterval"/>. While a run waits for a file to stop growing, the next scan comes after
/// <see cref="Settle"/>, the scan that sees the file unchanged and imports it.
/// </summary>
public sealed class DropFolderWatch(string folder, TimeSpan pollInterval, TimeSpan settle)
{
    public TimeSpan PollInterval { get; } = pollInterval;

    public TimeSpan Settle { get; } = settle;

    /// <param name="scan">One scan (and import); returns whether a run is still waiting.</param>
    public async Task RunAsync(Func<CancellationToken, bool> scan, CancellationToken cancellationToken)
    {
        using var changed = new SemaphoreSlim(0, 1);
        using var watcher = TryWatch(() =>
        {
            if (changed.CurrentCount == 0)
            {
                try { changed.Release(); } catch (SemaphoreFullException) { }
            }
        });
        while (!cancellationToken.IsCancellationRequested)
        {
            var waiting = scan(cancellationToken);
            var delay = Task.Delay(waiting ? Settle : PollInterval, cancellationToken);
            var signal = changed.WaitAsync(cancellationToken);
            var first = await Task.WhenAny(delay, signal).ConfigureAwait(false);
            if (cancellationToken.IsCancellationRequested)
                break;
            if (first == signal)
            {
                // A file appeared or grew: give the writer the settle time before the first look.
                try { await Task.Delay(Settle, cancellationToken).ConfigureAwait(false); }
                catch (OperationCanceledException) { break; }
            }
        }
    }

    private FileSystemWatcher? TryWatch(Action changed)
    {
        try
        {
            var watcher = new FileSystemWatcher(folder)
            {
                IncludeSubdirectories = true,
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.Size | NotifyFilters.LastWrite,
            };
            watcher.Created += (_, _) => changed();
            watcher.Changed += (_, _) => changed();
            watcher.Renamed += (_, _) => changed();
            watcher.EnableRaisingEvents = true;
            return watcher;
        }
        catch (Exception e) when (e is IOException or ArgumentException or PlatformNotSupportedException or UnauthorizedAccessException)
        {
            // Out of inotify watches, or a file system without notifications: polling alone still works.
            return null;
        }
    }
}
