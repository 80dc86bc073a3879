using Steward.Core.FinOps.DropFolder;

namespace Steward.Core.Application.Costs;

/// <summary>
/// <c>steward cost import DIR [--watch]</c> and the serve loop's cost-drop step: scans of a drop
/// folder of cloud cost exports (see <see cref="DropFolder"/>), each importing into the store what is
/// complete and new. The store is opened for each scan, not held between them.
/// </summary>
public sealed class CostDropFolderService
{
    /// <summary>One scan, importing what is ready (a loop run, a watch tick).</summary>
    public DropFolderPass Scan(string store, DropFolder folder, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        using var opened = CostStores.OpenForWrite(store);
        return folder.Pass(opened, progress, cancellationToken);
    }

    /// <summary>
    /// A one-shot import: a first look, then after <paramref name="settle"/> a second that imports the
    /// files which did not change in between (and the files an Azure manifest gives the exact size of).
    /// </summary>
    public async Task<DropFolderPass> ImportOnceAsync(string store, DropFolder folder, TimeSpan settle,
        IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        folder.Observe();
        if (settle > TimeSpan.Zero)
            await Task.Delay(settle, cancellationToken).ConfigureAwait(false);
        return Scan(store, folder, progress, cancellationToken);
    }

    /// <summary>Scans until cancelled; <paramref name="report"/> gets every scan's outcome.</summary>
    public Task WatchAsync(string store, DropFolder folder, TimeSpan pollInterval, TimeSpan settle, Action<DropFolderPass> report,
        IProgress<string>? progress = null, CancellationToken cancellationToken = default)
        => new DropFolderWatch(folder.Folder, pollInterval, settle).RunAsync(ct =>
        {
            var pass = Scan(store, folder, progress, ct);
            report(pass);
            return pass.Runs.Any(r => r.Status == DropRunStatus.Waiting);
        }, cancellationToken);
}
