namespace Steward.Server.Dashboard;

/// <summary>
/// The state of the store file as the file system shows it (size and time of the database and of its
/// write-ahead log): a change means another process (an import, a monitor run, ingestion) wrote to it.
/// </summary>
internal readonly record struct StoreStamp(bool Exists, long Length, DateTime Written, long WalLength, DateTime WalWritten)
{
    public static StoreStamp Of(string path)
    {
        var file = new FileInfo(Path.GetFullPath(path));
        var wal = new FileInfo(file.FullName + ".wal");
        return file.Exists
            ? new StoreStamp(true, file.Length, file.LastWriteTimeUtc, wal.Exists ? wal.Length : -1, wal.Exists ? wal.LastWriteTimeUtc : default)
            : default;
    }
}
