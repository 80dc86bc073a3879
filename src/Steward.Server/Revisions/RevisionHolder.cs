namespace Steward.Server.Revisions;

/// <summary>
/// The revision every request reads. A new revision replaces the current one only when it loaded
/// cleanly; a failed load leaves the last good revision serving and is kept as <see cref="LastError"/>
/// for /readyz, the log and the metrics. Swaps are atomic: a request sees one revision throughout.
/// </summary>
public sealed class RevisionHolder
{
    private volatile ServedRevision? _current;
    private volatile string? _lastError;

    public ServedRevision? Current => _current;

    /// <summary>Why the latest load failed, or null when it succeeded.</summary>
    public string? LastError => _lastError;

    public void Publish(ServedRevision revision)
    {
        _current = revision;
        _lastError = null;
    }

    public void Fail(string error) => _lastError = error;
}
