using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Steward.Server.Revisions;

/// <summary>
/// Runs <see cref="RepositorySync.SyncOnce"/> every <c>--sync-interval</c>, and sooner when a file of a
/// repository folder changes (a watcher event; its .git too, so a commit or checkout counts). Events
/// come in bursts while an editor or <c>git checkout</c> writes: they are gathered for a short moment
/// before one sync.
/// </summary>
public sealed class RepositorySyncService(RepositorySync sync, TimeSpan interval, ILogger<RepositorySyncService> log) : BackgroundService
{
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(250);
    private readonly SemaphoreSlim _changed = new(0);
    private FileSystemWatcher? _watcher;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!sync.IsRemote) Watch(sync.Folder);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                if (await _changed.WaitAsync(interval, stoppingToken).ConfigureAwait(false))
                {
                    await Task.Delay(Settle, stoppingToken).ConfigureAwait(false);
                    while (_changed.CurrentCount > 0) await _changed.WaitAsync(stoppingToken).ConfigureAwait(false);
                }
                // Loading is CPU work; the host's thread pool runs it off the request path.
                await Task.Run(() => sync.SyncOnce(stoppingToken), stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private void Watch(string folder)
    {
        try
        {
            _watcher = new FileSystemWatcher(folder) { IncludeSubdirectories = true };
            FileSystemEventHandler poke = (_, _) => Poke();
            _watcher.Changed += poke;
            _watcher.Created += poke;
            _watcher.Deleted += poke;
            _watcher.Renamed += (_, _) => Poke();
            _watcher.Error += (_, e) => log.LogWarning("Watching {Folder} failed ({Error}); the repository is still re-read every {Interval}", folder, e.GetException().Message, interval);
            _watcher.EnableRaisingEvents = true;
        }
        catch (Exception e) when (e is IOException or ArgumentException or PlatformNotSupportedException)
        {
            log.LogWarning("Cannot watch {Folder} ({Error}); the repository is re-read every {Interval}", folder, e.Message, interval);
        }
    }

    private void Poke()
    {
        if (_changed.CurrentCount == 0) _changed.Release();
    }

    public override void Dispose()
    {
        _watcher?.Dispose();
        _changed.Dispose();
        base.Dispose();
    }
}
