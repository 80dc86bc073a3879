using Microsoft.Extensions.Logging;
using Steward.Core;
using Steward.Server.Metrics;

namespace Steward.Server.Revisions;

/// <summary>
/// Keeps <see cref="RevisionHolder"/> current: brings the repository folder up to date (a fetch for a
/// Git remote), and when its fingerprint changed, loads it with <see cref="RevisionLoader"/>. Only a
/// revision that loads cleanly is published; a failure keeps the last good one serving and is
/// reported on /readyz (<see cref="RevisionHolder.LastError"/>), in the log and in the sync metrics.
/// </summary>
public sealed class RepositorySync
{
    private readonly GitRemoteMirror? _remote;
    private readonly RevisionLoader _loader;
    private readonly RevisionHolder _holder;
    private readonly SyncMetrics _metrics;
    private readonly ILogger _log;
    private readonly TimeProvider _clock;
    private readonly Lock _gate = new();
    private string? _fingerprint;

    public RepositorySync(string repository, string storePath, RevisionLoader loader, RevisionHolder holder, SyncMetrics metrics, ILogger log, TimeProvider clock)
    {
        if (GitRemoteMirror.IsRemote(repository))
        {
            var url = Directory.Exists(repository) ? Path.GetFullPath(repository) : repository;
            _remote = new GitRemoteMirror(url, GitRemoteMirror.CacheFolderFor(url, storePath));
            Folder = _remote.Folder;
            Display = _remote.Display;
        }
        else
        {
            if (!Directory.Exists(repository))
                throw new StewardInputException($"{repository}: repository folder not found (give a folder, or a Git URL such as https://host/org/repo.git)");
            Folder = Path.GetFullPath(repository);
            Display = repository;
        }
        _loader = loader;
        _holder = holder;
        _metrics = metrics;
        _log = log;
        _clock = clock;
    }

    /// <summary>The folder revisions are read from (the clone's work tree for a remote).</summary>
    public string Folder { get; }

    /// <summary>The repository as the user named it (a URL without credentials).</summary>
    public string Display { get; }

    /// <summary>A remote is only fetched on the interval; a folder is also watched.</summary>
    public bool IsRemote => _remote is not null;

    /// <summary>The load at start: its failure is the user's error (exit 2), there is nothing to keep serving.</summary>
    public void LoadInitial(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            _remote?.Update();
            var fingerprint = FolderFingerprint.Of(Folder);
            var revision = _loader.Load(Folder, cancellationToken);
            _fingerprint = fingerprint;
            Published(revision);
        }
    }

    /// <summary>One sync: fetch (remote), then reload when the folder changed. Never throws for the repository's faults.</summary>
    public void SyncOnce(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            try
            {
                _remote?.Update();
                var fingerprint = FolderFingerprint.Of(Folder);
                if (fingerprint == _fingerprint)
                {
                    // Unchanged since the last attempt: a failure stays reported, a success stays current.
                    if (_holder.LastError is null) _metrics.Succeeded(_clock.GetUtcNow());
                    return;
                }
                _fingerprint = fingerprint;
                var revision = _loader.Load(Folder, cancellationToken);
                var current = _holder.Current;
                if (current is not null && current.Id == revision.Id)
                {
                    _holder.Publish(current); // same content (files touched, or restored): clears a failure
                    _metrics.Succeeded(_clock.GetUtcNow());
                    return;
                }
                Published(revision);
            }
            catch (StewardInputException e)
            {
                Failed(e.Message);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Steward's own fault, not the repository's: logged in full, and the last good revision still serves.
                _log.LogError(e, "Repository sync of {Repository} failed unexpectedly", Display);
                Failed($"internal error: {e.GetType().Name}: {e.Message}");
            }
        }
    }

    private void Published(ServedRevision revision)
    {
        _holder.Publish(revision);
        _metrics.Succeeded(_clock.GetUtcNow());
        var summary = revision.Check?.Summary;
        if (_log.IsEnabled(LogLevel.Information))
            _log.LogInformation("Serving revision {Revision} of {Repository}: {Errors} error(s), {Warnings} warning(s), {Infos} info finding(s)",
            revision.Id, Display, summary?.Errors, summary?.Warnings, summary?.Infos);
    }

    private void Failed(string error)
    {
        _holder.Fail(error);
        _metrics.Failed();
        var serving = _holder.Current?.Id ?? "(none)";
        _log.LogWarning("Repository load of {Repository} failed; still serving revision {Revision}: {Error}", Display, serving, error);
    }
}
