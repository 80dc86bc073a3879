namespace Steward.Server.Dashboard;

/// <summary>
/// The state of the store file as the file system shows it (size and time of the database and of its
/// write-ahead log): a change means another process (an import, a monitor run, ingestion) wrote to it.
/// A PostgreSQL store has no file to look at: its stamp changes every <see cref="SharedStoreRefresh"/>,
/// so pages show what the replicas and CI jobs wrote at most that long ago.
/// </summary>
internal readonly record struct StoreStamp(bool Exists, long Length, DateTime Written, long WalLength, DateTime WalWritten)
{
    /// <summary>How long a page computed from a shared (PostgreSQL) store is served from memory.</summary>
    public static readonly TimeSpan SharedStoreRefresh = TimeSpan.FromSeconds(30);

    public static StoreStamp Of(string path, TimeProvider clock)
    {
        if (Steward.Core.Storage.StoreAddress.IsPostgres(path))
        {
            var now = clock.GetUtcNow().UtcDateTime;
            return new StoreStamp(true, 0, new DateTime(now.Ticks - now.Ticks % SharedStoreRefresh.Ticks, DateTimeKind.Utc), -1, default);
        }
        var file = new FileInfo(Path.GetFullPath(path));
        var wal = new FileInfo(file.FullName + ".wal");
        return file.Exists
            ? new StoreStamp(true, file.Length, file.LastWriteTimeUtc, wal.Exists ? wal.Length : -1, wal.Exists ? wal.LastWriteTimeUtc : default)
            : default;
    }
}
