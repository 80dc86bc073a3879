using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Steward.Core;
using Steward.Server.Metrics;

namespace Steward.Server.Hosting;

/// <summary>
/// The server certificate Kestrel hands to each new TLS connection (its <c>ServerCertificateSelector</c>),
/// reloaded when <c>--tls-cert</c> or <c>--tls-key</c> changes. cert-manager rotates a Secret volume by
/// swapping the <c>..data</c> symbolic link of the folder, so the folders are watched (not the files)
/// and the files are re-read through their links; a poll every few seconds catches what a watcher
/// misses (network volumes, a lost event). The content is hashed, so a change of either file counts
/// whatever its timestamps say. A new pair that does not load (half written, key not matching) leaves
/// the old certificate serving, and is logged and counted; connections already open keep theirs.
/// </summary>
public sealed class CertificateReloader : BackgroundService
{
    private readonly string _certFile;
    private readonly string _keyFile;
    private readonly TimeSpan _poll;
    private readonly ILogger _log;
    private readonly CertificateMetrics _metrics;
    private readonly SemaphoreSlim _changed = new(0);
    private readonly List<FileSystemWatcher> _watchers = [];
    private volatile X509Certificate2 _current;
    private string _loadedHash;
    private string? _failedHash;

    /// <summary>Loads the pair once; bad files at start are the user's error (exit 2 naming the flag).</summary>
    public CertificateReloader(string certFile, string keyFile, TimeSpan poll, ILogger log, ServerMetrics metrics)
    {
        _certFile = Path.GetFullPath(certFile);
        _keyFile = Path.GetFullPath(keyFile);
        _poll = poll;
        _log = log;
        _metrics = new CertificateMetrics(metrics);
        _loadedHash = Hash();
        _current = TlsCertificatePair.Load(certFile, keyFile);
        _metrics.Loaded(_current);
    }

    /// <summary>The certificate new connections get.</summary>
    public X509Certificate2 Current => _current;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        foreach (var folder in new[] { Path.GetDirectoryName(_certFile)!, Path.GetDirectoryName(_keyFile)! }.Distinct(StringComparer.Ordinal))
            Watch(folder);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await _changed.WaitAsync(_poll, stoppingToken).ConfigureAwait(false);
                Check();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Reloads when the files' content differs from the pair serving (and from the last pair that failed).</summary>
    internal void Check()
    {
        string hash;
        try
        {
            hash = Hash();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            hash = "unreadable: " + e.Message; // mid-swap, or removed: reported once below
        }
        if (hash == _loadedHash || hash == _failedHash) return;
        try
        {
            var next = TlsCertificatePair.Load(_certFile, _keyFile);
            var previous = _current;
            _current = next;
            _loadedHash = hash;
            _failedHash = null;
            _metrics.Loaded(next);
            if (_log.IsEnabled(LogLevel.Information))
                _log.LogInformation("TLS certificate reloaded: {Subject}, thumbprint {Thumbprint}, valid until {NotAfter:O} (was {Previous})",
                    next.Subject, next.Thumbprint, next.NotAfter.ToUniversalTime(), previous.Thumbprint);
            // The old certificate is not disposed: a handshake in flight may still be using it.
        }
        catch (StewardInputException e)
        {
            _failedHash = hash;
            _metrics.Failed();
            _log.LogWarning("TLS certificate not reloaded, the previous one keeps serving: {Error}", e.Message);
        }
    }

    private string Hash()
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in new[] { _certFile, _keyFile })
        {
            var info = new FileInfo(file);
            // A file far above a PEM's size is not read here; loading it reports the limit.
            sha.AppendData(info.Exists && info.Length <= TlsCertificatePair.MaxPemBytes ? File.ReadAllBytes(file) : BitConverter.GetBytes(info.Exists ? info.Length : -1));
            sha.AppendData([0]);
        }
        return Convert.ToHexString(sha.GetHashAndReset());
    }

    private void Watch(string folder)
    {
        try
        {
            var watcher = new FileSystemWatcher(folder) { IncludeSubdirectories = false, NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.CreationTime };
            FileSystemEventHandler poke = (_, _) => Poke();
            watcher.Changed += poke;
            watcher.Created += poke;
            watcher.Deleted += poke;
            watcher.Renamed += (_, _) => Poke();
            watcher.EnableRaisingEvents = true;
            _watchers.Add(watcher);
        }
        catch (Exception e) when (e is IOException or ArgumentException or PlatformNotSupportedException)
        {
            // No watcher (inotify limits, an unusual file system): the poll still reloads.
            _log.LogWarning("Cannot watch {Folder} for certificate changes ({Error}); polling every {Poll}", folder, e.Message, _poll);
        }
    }

    private void Poke()
    {
        if (_changed.CurrentCount == 0) _changed.Release();
    }

    public override void Dispose()
    {
        foreach (var watcher in _watchers) watcher.Dispose();
        _changed.Dispose();
        base.Dispose();
    }
}
